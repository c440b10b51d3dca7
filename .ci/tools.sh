#!/usr/bin/env bash
# Installs the real readers and printers the tests use, when missing: Debian's chromium,
# chromium-driver and poppler-utils (pdftoppm); openpyxl and Selenium from PyPI.
set -euo pipefail
need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
if [ "${#need_apt[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
for module in openpyxl selenium; do
  python3 -c "import $module" 2>/dev/null && continue
  python3 -m pip install -q "$module" 2>/dev/null || python3 -m pip install -q --break-system-packages "$module"
done
