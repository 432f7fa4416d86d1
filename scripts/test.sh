#!/usr/bin/env bash
# The one test command: installs what the suite needs, then lint, type check and every Vitest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/system-deps.sh
ensure_system_packages
ensure_node_modules
npx eslint --max-warnings 0 .
npx tsc -b
npx vitest run "$@"
