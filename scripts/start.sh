#!/usr/bin/env bash
# Starts the app: the Electron app where its runtime is installed (and, on Linux, a display to
# show it on); otherwise the browser host: the app's services in plain Node with the embedded
# office, the renderer served on loopback, opened in the default browser where there is a
# display. The browser host's data lives in .switchboard-data/ (override with
# SWITCHBOARD_DATA_DIR); the Electron app keeps its data in the OS's user-data folder.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/system-deps.sh
ensure_system_packages
ensure_node_modules
# require('electron') gives the binary's path, and throws when only its types were installed.
if electron_binary=$(node -e "process.stdout.write(require('electron'))" 2>/dev/null) &&
  [[ -x "$electron_binary" ]] &&
  [[ "$(uname -s)" != Linux || -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec npm run desktop --silent
fi
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
