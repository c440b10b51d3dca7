#!/usr/bin/env bash
# Installs what the browser journey needs (Debian's chromium and chromedriver, Selenium from PyPI)
# when missing, then runs it against the built `imdms` binary.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! python3 -c "import selenium" 2>/dev/null; then
  python3 -m pip install -q selenium 2>/dev/null || python3 -m pip install -q --break-system-packages selenium
fi
swift build --product imdms >/dev/null
python3 Tests/browser/journey.py "$(swift build --show-bin-path)/imdms"
