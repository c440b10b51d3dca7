#!/usr/bin/env bash
# Installs the real readers and printers the tests use, when missing: Debian's chromium,
# chromium-driver and poppler-utils (pdftoppm); openpyxl, Selenium, the SDMX clients sdmx1 and
# pysdmx, schemathesis, aiosmtpd (a local mail server for the release e-mail), and the attacker's numpy, scipy and highspy (HiGHS) from PyPI.
set -euo pipefail
need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
if [ "${#need_apt[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
# Python readers: module to import → package to install.
for pair in openpyxl:openpyxl aiosmtpd:aiosmtpd selenium:selenium sdmx:sdmx1 pysdmx:pysdmx[all] lxml:lxml schemathesis:schemathesis numpy:numpy scipy:scipy highspy:highspy; do
  module="${pair%%:*}" package="${pair#*:}"
  python3 -c "import $module" 2>/dev/null && continue
  python3 -m pip install -q "$package" 2>/dev/null || python3 -m pip install -q --break-system-packages "$package"
done
