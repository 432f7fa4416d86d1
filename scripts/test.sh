#!/usr/bin/env bash
# The one test command: installs what the suite needs, then lint, type check and every Vitest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/system-deps.sh
ensure_system_packages
ensure_node_modules
npx eslint --max-warnings 0 .
npx tsc -b
# The end-to-end tests open the built renderer through the browser host.
npm run build:renderer --silent
# The CredentialVault tests use the real OS keyring: a private D-Bus session with a fresh,
# unlocked gnome-keyring (its files in a throwaway folder, so no earlier keyring interferes).
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
dbus-run-session -- bash -c '
  echo -n switchboard-test | XDG_DATA_HOME="$0" gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec npx vitest run "$@"' "$keyring_home" "$@"
