"""The Windows build: the whole of packaging/build-windows.sh, and a short form of its installer part.

The whole build (embeddable Python, Windows wheels, PyInstaller under wine, NSIS, the smoke test)
takes 20–40 minutes on this machine, too long for CI's 90 minutes beside the suite: it runs when
FPA_WIN_BUILD=1 (downloads cached in FPA_WIN_CACHE, e.g. /work/cache-win). The short form builds
the real installer script around a stand-in program folder and installs, uninstalls and installs it
portably in a fresh wine prefix (about a minute); it needs Debian's wine and nsis, which
build-windows.sh installs, and says so when they are missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "packaging" / "windows" / "installer.nsi"

pytestmark = pytest.mark.slow


def _wine_env(prefix: Path) -> dict[str, str]:
    return {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml="}


def _wine(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["wine", *args], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300
    )
    subprocess.run(["wineserver", "-w"], env=env, timeout=300, check=False)
    return done


def _reg(env: dict[str, str], key: str) -> str:
    done = _wine(env, "reg", "query", key)
    return done.stdout if done.returncode == 0 else ""


@pytest.mark.skipif(not (shutil.which("makensis") and shutil.which("wine")), reason="needs Debian's nsis and wine")
def test_the_installer_installs_associates_uninstalls_keeping_the_data_and_goes_portable(tmp_path: Path) -> None:
    program = tmp_path / "program"
    (program / "_internal").mkdir(parents=True)
    for name in ("jishengxie.exe", "fpa.exe"):
        (program / name).write_bytes(b"MZ stand-in")
    (program / "_internal" / "base_library.zip").write_bytes(b"PK")
    setup = tmp_path / "jishengxie-0.0.1-win64.exe"
    built = subprocess.run(
        ["makensis", "-V2", f"-DSOURCE={program}", f"-DOUTFILE={setup}", "-DVERSION=0.0.1", str(NSI)],
        capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0 and setup.stat().st_size > 50_000, built.stdout + built.stderr

    env = _wine_env(tmp_path / "prefix")
    subprocess.run(["wineboot", "-i"], env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
    subprocess.run(["wineserver", "-w"], env=env, timeout=300, check=False)
    user = next((tmp_path / "prefix" / "drive_c" / "users").glob("[!P]*"))
    installed = user / "AppData" / "Local" / "Programs" / "jishengxie"

    _wine(env, str(setup), "/S")
    assert (installed / "jishengxie.exe").exists() and (installed / "uninstall.exe").exists()
    assert not (installed / "portable").exists()
    assert list(user.rglob("Start Menu/**/计生协离线数据采集.lnk"))
    assert "jishengxie.bundle" in _reg(env, r"HKCU\Software\Classes\.fpab")
    assert "jishengxie.setup" in _reg(env, r"HKCU\Software\Classes\.fpas")
    assert 'jishengxie.exe" "%1"' in _reg(env, r"HKCU\Software\Classes\jishengxie.setup\shell\open\command")
    assert "UninstallString" in _reg(env, r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\jishengxie")

    data = user / "AppData" / "Local" / "jishengxie" / "fpa-offline"
    data.mkdir(parents=True)
    (data / "fpa.db").write_bytes(b"the county's families")
    _wine(env, str(installed / "uninstall.exe"), "/S")
    assert not (installed / "jishengxie.exe").exists() and not (installed / "_internal").exists()
    assert (data / "fpa.db").read_bytes() == b"the county's families"
    assert _reg(env, r"HKCU\Software\Classes\jishengxie.bundle") == ""
    assert _reg(env, r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\jishengxie") == ""
    assert not list(user.rglob("Start Menu/**/计生协离线数据采集.lnk"))

    usb = tmp_path / "usb"
    usb.mkdir()
    target = "Z:" + str(usb / "计生协").replace("/", "\\")
    _wine(env, str(setup), "/S", "/PORTABLE", f"/D={target}")
    stick = usb / "计生协"
    assert (stick / "portable").exists() and (stick / "data").is_dir() and (stick / "fpa.exe").exists()
    assert _reg(env, r"HKCU\Software\Classes\.fpab") == ""  # nothing written to this computer
    (stick / "data" / "fpa.db").write_bytes(b"on the stick")
    _wine(env, str(stick / "uninstall.exe"), "/S")
    assert not (stick / "fpa.exe").exists()
    assert (stick / "data" / "fpa.db").read_bytes() == b"on the stick"


@pytest.mark.skipif(os.environ.get("FPA_WIN_BUILD") != "1", reason="the whole Windows build: set FPA_WIN_BUILD=1")
def test_build_windows_makes_an_installer_whose_program_passes_its_self_test_under_wine(tmp_path: Path) -> None:
    out = tmp_path / "windows"
    env = {**os.environ, "FPA_WIN_OUT": str(out)}
    done = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build-windows.sh")], cwd=ROOT, env=env,
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=4 * 3600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    (installer,) = out.glob("jishengxie-*-win64.exe")
    assert installer.stat().st_size > 50_000_000
    report = (out / "checks" / "self-test.txt").read_text(encoding="utf-8")
    assert "自检通过 / self-test passed" in report and report.count("通过 OK") == 3
    assert "Windows" in report.splitlines()[0]
    sign_in = QImage(str(out / "checks" / "sign-in.png"))
    assert 200 < sign_in.width() < 1000 and 100 < sign_in.height() < 700
    assert "done:" in done.stdout
