#!/usr/bin/env bash
# The whole test suite from a fresh machine: installs what it needs, starts PostgreSQL, runs the
# linters (ruff, mypy strict on app/ and ui/, import-linter layer contracts) and pytest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash scripts/bootstrap.sh test
export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
pg_start
trap pg_stop EXIT

echo "== ruff"
.venv/bin/ruff check app ui tests bench scripts
echo "== mypy (strict on app/ and ui/)"
.venv/bin/mypy
echo "== import-linter (layers)"
.venv/bin/lint-imports
echo "== pytest"
.venv/bin/pytest -p no:cacheprovider "$@"
