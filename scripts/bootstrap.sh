#!/usr/bin/env bash
# Installs what the program and its tests need on a fresh Debian machine; safe to run again.
# Usage: scripts/bootstrap.sh [run|test]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-run}"

debs=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
      fonts-wqy-microhei fonts-noto-cjk xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
      libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-render-util0 libxcb-image0)
if [ "$mode" = test ]; then
  debs+=(postgresql poppler-utils age zbar-tools)
fi
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "安装系统软件包 / installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

venv="$here/.venv"
py="${PYTHON:-python3.11}"
command -v "$py" >/dev/null || py=python3
if [ ! -x "$venv/bin/python" ]; then
  "$py" -m venv "$venv"
fi
stamp="$venv/.installed-$mode"
if [ ! -f "$stamp" ] || [ "$here/pyproject.toml" -nt "$stamp" ]; then
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip 2>/dev/null || true
  extra=""; [ "$mode" = test ] && extra="[dev]"
  log="$venv/pip-install.log"
  if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check -e "$here$extra" >"$log" 2>&1; then
    cat "$log" >&2
    echo "安装 Python 依赖失败，详见 $log" >&2
    exit 1
  fi
  "$venv/bin/python" -c "import app, ui" 
  touch "$stamp"
fi
# Compiled translations are build products: made from the .ts sources on every set-up.
"$venv/bin/python" -m ui.i18n_build 2>/dev/null || true
