#!/usr/bin/env bash
# Everything the tests need on a fresh machine, then the tests: Debian's chromium for the browser
# tests (when run as root with apt), a virtualenv with the project and its test extras, the gazetteer
# index built once, and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "scripts/test.sh: chromium or chromedriver missing and not root: browser tests will be skipped" >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/mapgen index
exec .venv/bin/python -m pytest -q
