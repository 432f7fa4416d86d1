#!/usr/bin/env bash
# Starts the app: the Electron app where its runtime is installed (and, on Linux, a display to
# show it on); otherwise the browser host: the app's services in plain Node with the embedded
# office, the renderer served on loopback, opened in the default browser where there is a
# display. The browser host's data lives in .switchboard-data/ (override with
# SWITCHBOARD_DATA_DIR); the Electron app keeps its data in the OS's user-data folder.
#
# SIGTERM or SIGINT stops everything it started: the step at work gets SIGTERM at once (see
# forward_signals), and the app itself replaces this script (exec), so the signal reaches it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/system-deps.sh
ensure_dependencies
# require('electron') gives the binary's path, and throws when only its types were installed.
if electron_binary=$(node -e "process.stdout.write(require('electron'))" 2>/dev/null) &&
  [[ -x "$electron_binary" ]] &&
  [[ "$(uname -s)" != Linux || -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec npm run desktop --silent
fi
# The renderer is built again only when something it is built from is newer than the last build.
built=dist/renderer/index.html
if [[ ! -f "$built" || -n "$(find renderer common renderer.vite.config.ts package-lock.json -newer "$built" -print -quit)" ]]; then
  forward_signals npm run build:renderer --silent
fi
data_dir="${SWITCHBOARD_DATA_DIR:-.switchboard-data}"
# One process (no npx, no tsx launcher in between): it prints the address and opens it itself.
exec node --import tsx main/web/cli.ts --data-dir "$data_dir" --open "$@"
