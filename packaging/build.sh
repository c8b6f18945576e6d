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
rm -rf "$tmp"
du -sh "$out"
