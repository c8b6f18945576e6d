#!/usr/bin/env bash
# Builds the one-folder program with PyInstaller into dist/jishengxie and checks that it starts
# (fpa --self-test, the sign-in window and the demo rendered offscreen).
# Add `portable` (an empty file) beside the executables to keep the data on the USB stick.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash scripts/bootstrap.sh test
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build packaging/fpa.spec
out=dist/jishengxie
"$out/fpa" --version
tmp=$(mktemp -d)
QT_QPA_PLATFORM=offscreen FPA_HOME="$tmp/home" "$out/fpa" --self-test
"$out/fpa" init "$tmp/selftest.db" --division 430121 >/dev/null
"$out/fpa" check "$tmp/selftest.db" --json
# an encrypted database: sqlcipher3 and its library must be in the folder
echo "self-test-pass-1" | "$out/fpa" init "$tmp/encrypted.db" --division 430121 --admin admin --password-stdin >/dev/null
echo "self-test-pass-1" | "$out/fpa" check "$tmp/encrypted.db" --user admin --password-stdin --json
echo "self-test-pass-1" | "$out/fpa" backup --db "$tmp/encrypted.db" --out "$tmp/backups" --user admin --password-stdin
echo "self-test-pass-1" | "$out/fpa" restore "$tmp"/backups/*.db --db "$tmp/encrypted.db" --user admin --password-stdin
if head -c 15 "$tmp/encrypted.db" | grep -q "SQLite format"; then echo "not encrypted!" >&2; exit 1; fi
QT_QPA_PLATFORM=offscreen FPA_HOME="$tmp/home" "$out/jishengxie" --db "$tmp/encrypted.db" --screenshot "$tmp/sign-in.png"
test -s "$tmp/sign-in.png"
QT_QPA_PLATFORM=offscreen FPA_HOME="$tmp/home" "$out/jishengxie" --demo --screenshot "$tmp/demo.png" 2>"$tmp/gui.log"
test -s "$tmp/demo.png"
# every page is imported by name when first shown: one missing from the folder fails here
if grep -q "failed to load" "$tmp/gui.log"; then cat "$tmp/gui.log" >&2; echo "页面未打包 / a page is missing" >&2; exit 1; fi
mkdir -p dist/checks && cp "$tmp/sign-in.png" "$tmp/demo.png" dist/checks/  # to look at
rm -rf "$tmp"
du -sh "$out"
