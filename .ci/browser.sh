#!/usr/bin/env bash
# Runs the browser journey against the built `imdms` binary (tools from .ci/tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/tools.sh
swift build --product imdms >/dev/null
python3 Tests/browser/journey.py "$(swift build --show-bin-path)/imdms"
