#!/usr/bin/env bash
# Starts the app. Until the desktop app lands this is the office server on loopback, keeping its
# data in .switchboard-data/ (override with SWITCHBOARD_DATA_DIR and SWITCHBOARD_HTTP_PORT).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/system-deps.sh
ensure_system_packages
ensure_node_modules
exec npx tsx server/main.ts \
  --data-dir "${SWITCHBOARD_DATA_DIR:-.switchboard-data}" \
  --http-port "${SWITCHBOARD_HTTP_PORT:-8080}" "$@"
