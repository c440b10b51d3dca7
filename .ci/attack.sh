#!/usr/bin/env bash
# The attacker suite against the product's public outputs: `imdms serve --demo` (SQLite, the whole
# demo, 2015–2025) is asked, anonymously, for every table, filter, period, range, report table and
# SDMX observation of each dataset with a disclosure threshold, in 2023 and 2024 (MIGRANT_STOCK in
# its census year); Tests/attacker/attack.py then tries to work out each protected value by
# differencing, combined differencing and linear programming, with the true values read through a
# data manager's token, and the regional (SADC) dataflows made from those datasets with them.
# Fails when any protected value is worked out or any published number is
# not the true one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/tools.sh
source .ci/demo-server.sh
port=18094
start_demo_server "$port"
token="$("$imdms" token add attacker --role data_manager --data "$data" --quiet | tail -n 1)"
python3 Tests/attacker/attack.py --server "http://127.0.0.1:$port" --token "$token" --years 2023,2024 \
  --regional Sources/IMDMSCore/Resources/countries/lesotho/regional.json
echo "attacker: no protected value worked out"
