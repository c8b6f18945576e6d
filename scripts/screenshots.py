"""Renders every page of the main window and the shell's dialogs over a demo database to PNG files.

    .venv/bin/python scripts/screenshots.py --out /tmp/shots    # every page and dialog at 1366×768
    .venv/bin/python scripts/screenshots.py --scale 1.5 --out /tmp/shots-150   # an old laptop at 150 %
    .venv/bin/python scripts/screenshots.py --only home,system --db my.db
    .venv/bin/python scripts/screenshots.py --check --scale 1.5   # and report cut text (exit 1)

The README's pictures (docs/screenshots, 256-colour PNGs of about 50 KB each)::

    .venv/bin/python scripts/screenshots.py --only home,organisation,families,families-family_form,\
        families-visit_form,projects,activities,sync,system,welcome-role
    .venv/bin/python scripts/screenshots.py --scale 1.5 --only families --suffix=-150

``--only`` takes page keys and dialog names (``families`` is the page alone, ``families-*`` its
dialogs too).

Pages come from the navigation (``ui.shell.main_window.NAVIGATION``): a page appears here as soon as it
is in the navigation, as ``<key>.png``. A page can also offer dialogs to render, by a class
attribute ``screenshot_dialogs``: a sequence of names of methods that take no argument and return
a dialog (or any widget) not yet shown, or None when there is nothing to show. Each is shown,
rendered to ``<key>-<method>.png`` and then closed with ``reject()``/``close()``, so nothing is
saved. Example::

    class FamiliesPage(Page):
        screenshot_dialogs = ("new_family", "record_visit")

The shell's own dialogs follow: the welcome wizard's pages, About, the help window (快速入门 and
特殊家庭's F1), the crash dialog and the progress dialog. The screen is a virtual 1366×768
one (Qt's offscreen platform); ``--scale`` sets ``QT_SCALE_FACTOR`` so a 150 % laptop can be
checked for clipped text. Nothing is written outside a temporary folder and the output folder: the
demo database is generated there (or ``--db`` is copied there), and ``FPA_HOME`` points there.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCREEN = (1366, 768)
COUNTY = "430121000000"


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--scale", type=float, default=1.0, help="screen scaling, e.g. 1.5 for 150 %%")
    parser.add_argument("--families", type=int, default=2000, help="families in the generated demo")
    parser.add_argument("--db", type=Path, help="render over a copy of this database instead of a demo")
    parser.add_argument("--only", default="", help="comma-separated page keys or dialog names")
    parser.add_argument("--suffix", default="", help="added to each file name, e.g. -150")
    parser.add_argument(
        "--full-colour",
        action="store_true",
        help="keep every colour (default: the 256 most frequent, a third of the size, no visible change)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="report cut text and windows larger than the screen (scripts/layout_check.py); exit 1 if any",
    )
    return parser.parse_args(argv)


def prepare_environment(args: argparse.Namespace, work: Path) -> None:
    """A virtual 1366×768 screen, the scale asked for, and a data folder of our own (before Qt loads)."""
    config = work / "screen.json"
    width, height = SCREEN
    screen = {"name": "Screen", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    os.environ["FPA_HOME"] = str(work / "home")
    sys.path.insert(0, str(ROOT))


def database(args: argparse.Namespace, work: Path) -> Path:
    target = work / "demo.db"
    if args.db:
        shutil.copy2(args.db, target)
        return target
    from app.services.demo import generate_demo

    print(f"generating a demo county with {args.families} families …", flush=True)
    generate_demo(target, COUNTY, families=args.families, seed=1)
    return target


class Renderer:
    def __init__(self, out: Path, only: set[str], check: bool = False, args: Any = None) -> None:
        from PySide6.QtTest import QTest

        self.out, self.only, self.wait, self.check = out, only, QTest.qWait, check
        self.suffix = getattr(args, "suffix", "")
        self.full_colour = getattr(args, "full_colour", True)
        self.written: list[Path] = []
        self.problems: list[str] = []

    def wanted(self, name: str) -> bool:
        return not self.only or name in self.only or f"{name.split('-')[0]}-*" in self.only

    def save(self, widget: object, name: str) -> None:
        from PySide6.QtWidgets import QWidget

        assert isinstance(widget, QWidget)
        self.wait(250)  # debounce timers, lazy rows, layouts
        path = self.out / f"{name}{self.suffix}.png"
        image = widget.grab().toImage()
        if not self.full_colour:
            image = few_colours(image)
        image.save(str(path), "PNG", 0)  # 0: the strongest compression
        self.written.append(path)
        print(f"  {path.relative_to(self.out.parent) if path.is_relative_to(self.out.parent) else path}")
        if self.check:
            self.check_tabs(widget, name)

    def check_tabs(self, widget: object, name: str) -> None:
        """Check the window as shown, then with each tab of its tab widgets in front."""
        from layout_check import problems
        from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

        assert isinstance(widget, QWidget)
        states = [""]
        for tabs in widget.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            shown = tabs.currentIndex()
            for index in range(tabs.count()):
                if index != shown:
                    tabs.setCurrentIndex(index)
                    QApplication.processEvents()
                    states.append(f" [{tabs.tabText(index).replace('&', '')}]")
                    self._report(problems(widget), name + states[-1])
            tabs.setCurrentIndex(shown)
        self._report(problems(widget), name)

    def _report(self, found: list[str], where: str) -> None:
        for problem in found:
            line = f"{where}: {problem}"
            if line not in self.problems:
                self.problems.append(line)
                print(f"    PROBLEM {line}")

    def dialog(self, make: Callable[[], object], name: str) -> None:
        from PySide6.QtWidgets import QDialog, QWidget

        if not self.wanted(name):
            return
        widget = make()
        if not isinstance(widget, QWidget):
            return
        widget.show()
        self.save(widget, name)
        if isinstance(widget, QDialog):
            widget.reject()
        widget.close()


def few_colours(image: Any) -> Any:
    """The image with its 256 most frequent colours (the flat colours of a UI and its text's shades)."""
    from collections import Counter

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    counts = Counter(memoryview(bytes(rgb.constBits())).cast("I"))
    table = [colour | 0xFF000000 for colour, _n in counts.most_common(256)]
    return rgb.convertToFormat(QImage.Format.Format_Indexed8, table, Qt.ImageConversionFlag.ThresholdDither)


def render_pages(render: Renderer, window: object) -> None:
    from ui.shell.main_window import NAVIGATION, MainWindow

    assert isinstance(window, MainWindow)
    for key, _label, _target in NAVIGATION:
        if not render.wanted(key):
            continue
        page = window.show_page(key)
        render.save(window, key)
        for method in getattr(type(page), "screenshot_dialogs", ()):
            action = getattr(page, method, None)
            if callable(action):
                render.dialog(action, f"{key}-{method}")


def render_shell_dialogs(render: Renderer, window: object, runner: object, work: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from app.paths import logs_dir
    from ui.shell.about import AboutDialog
    from ui.shell.crash import crash_box, crash_message
    from ui.shell.help import HelpWindow
    from ui.shell.main_window import MainWindow
    from ui.shell.progress import JobProgress
    from ui.shell.tasks import TaskRunner
    from ui.shell.welcome import WelcomeWizard

    assert isinstance(window, MainWindow) and isinstance(runner, TaskRunner)
    render.dialog(lambda: AboutDialog(window.facts, window), "about")
    render.dialog(lambda: HelpWindow("quickstart", window), "help-quickstart")  # 帮助 → 快速入门
    render.dialog(lambda: HelpWindow("families", window), "help-families")  # F1 on 特殊家庭
    render.dialog(
        lambda: crash_box(*crash_message(RuntimeError("disk I/O error")), logs_dir() / "fpa.log")[0], "crash"
    )

    def progress() -> object:
        job = JobProgress(window, QApplication.translate("SystemPage", "Writing the backup…"), delay_ms=0)
        job.dialog.show()
        job.step(40, 100)
        return job.dialog

    render.dialog(progress, "progress")
    if not any(render.wanted(n) for n in ("welcome-role", "welcome-place", "welcome-admin")):
        return
    wizard = WelcomeWizard(runner, work / "wizard" / "fpa.db")
    wizard.show()
    if render.wanted("welcome-role"):
        render.save(wizard, "welcome-role")
    wizard.role_page.choices["station"].setChecked(True)
    wizard.next()
    place = wizard.place_page
    for combo, code in (
        (place.province, "430000000000"),
        (place.county, COUNTY),
        (place.township, "430121102000"),
    ):
        combo.setCurrentIndex(combo.findData(code))
    if render.wanted("welcome-place"):
        render.save(wizard, "welcome-place")
    wizard.next()
    admin = wizard.admin_page
    admin.username.setText("huangxing")
    admin.display_name.setText("黄兴镇录入员")
    admin.password.setText("short")
    if render.wanted("welcome-admin"):
        render.save(wizard, "welcome-admin")
    wizard.reject()


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    with tempfile.TemporaryDirectory(prefix="fpa-shots-") as tmp:
        work = Path(tmp)
        prepare_environment(args, work)
        from ui.shell.refcount_guard import pin_singletons

        pin_singletons()  # PySide6 6.12 on Python 3.11 loses references to None and True
        from app.services.shared.workspace import open_workspace
        from ui.main import application
        from ui.shell.main_window import MainWindow
        from ui.shell.tasks import SyncTaskRunner

        path = database(args, work)
        args.out.mkdir(parents=True, exist_ok=True)
        with application() as app:
            workspace = open_workspace(path)
            runner = SyncTaskRunner()  # every result is in before a page is rendered
            window = MainWindow(workspace, runner)
            screen = app.primaryScreen().availableGeometry()
            window.resize(screen.size())  # 1366×768 pixels, whatever the scale
            window.show()
            wanted = {n.strip() for n in args.only.split(",") if n.strip()}
            render = Renderer(args.out, wanted, args.check, args)
            render_pages(render, window)
            render_shell_dialogs(render, window, runner, work)
            window.close()
            workspace.close()
        print(f"{len(render.written)} screenshots in {args.out}")
    if render.problems:
        print(f"{len(render.problems)} problems with cut text or size", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
