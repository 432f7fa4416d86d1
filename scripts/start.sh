#!/usr/bin/env bash
# Starts the app. The Electron runtime cannot be installed on these machines (its binary comes
# from a host they cannot reach), so this runs the browser host: the app's services in plain
# Node with the embedded office, the renderer served on loopback, opened in the default browser
# where there is a display. Data lives in .switchboard-data/ (override with SWITCHBOARD_DATA_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/system-deps.sh
ensure_system_packages
ensure_node_modules
npm run build:renderer --silent
data_dir="${SWITCHBOARD_DATA_DIR:-.switchboard-data}"
# Open the printed address in a browser once it appears (the token is in its fragment).
npx tsx main/web/cli.ts --data-dir "$data_dir" "$@" | while IFS= read -r line; do
  echo "$line"
  url="${line#Switchboard is running at }"
  if [[ "$url" != "$line" && -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]] && command -v xdg-open >/dev/null; then
    xdg-open "$url" >/dev/null 2>&1 || true
  fi
done
