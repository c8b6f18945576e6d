#!/usr/bin/env bash
# Starts the program on the demo database (created with generated, fictitious data on first run).
# Extra arguments go to the program, e.g. `--db PATH` to open another database.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash scripts/bootstrap.sh run
args=("$@")
[ "${#args[@]}" -eq 0 ] && args=(--demo)
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  # No screen (a server, a CI box): run on a virtual one so the program still starts.
  echo "未检测到图形显示，使用虚拟显示 (xvfb-run) 启动。"
  exec xvfb-run -a .venv/bin/python -m ui.main "${args[@]}"
fi
exec .venv/bin/python -m ui.main "${args[@]}"
