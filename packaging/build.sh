#!/usr/bin/env bash
# Builds the one-folder program with PyInstaller into dist/jishengxie and checks that it starts.
# Add `portable` (an empty file) beside the executables to keep the data on the USB stick.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash scripts/bootstrap.sh test
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build packaging/fpa.spec
out=dist/jishengxie
"$out/fpa" --version
tmp=$(mktemp -d)
"$out/fpa" init "$tmp/selftest.db" --division 430121 >/dev/null
"$out/fpa" check "$tmp/selftest.db" --json
# an encrypted database: sqlcipher3 and its library must be in the folder
echo "self-test-pass-1" | "$out/fpa" init "$tmp/encrypted.db" --division 430121 --admin admin --password-stdin >/dev/null
echo "self-test-pass-1" | "$out/fpa" check "$tmp/encrypted.db" --user admin --password-stdin --json
echo "self-test-pass-1" | "$out/fpa" backup --db "$tmp/encrypted.db" --out "$tmp/backups" --user admin --password-stdin
echo "self-test-pass-1" | "$out/fpa" restore "$tmp"/backups/*.db --db "$tmp/encrypted.db" --user admin --password-stdin
if head -c 15 "$tmp/encrypted.db" | grep -q "SQLite format"; then echo "not encrypted!" >&2; exit 1; fi
QT_QPA_PLATFORM=offscreen FPA_HOME="$tmp/home" "$out/jishengxie" --demo --screenshot "$tmp/demo.png"
test -s "$tmp/demo.png"
rm -rf "$tmp"
du -sh "$out"
