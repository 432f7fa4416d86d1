#!/usr/bin/env bash
# The one test command: installs what the suite needs, then lint, type check and every Vitest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/system-deps.sh
ensure_dependencies
# Lint, the type check and the renderer build (the end-to-end tests open it through the browser
# host) do not keep both cores busy each: they run side by side, and the suites wait for all three.
steps=(
  'npx eslint --max-warnings 0 .'
  'npx tsc -b'
  'npm run build:renderer --silent'
)
running=()
for step in "${steps[@]}"; do
  bash -c "$step" &
  running+=($!)
done
failed=0
for pid in "${running[@]}"; do wait "$pid" || failed=1; done
[[ $failed -eq 0 ]] || exit 1
# The CredentialVault tests use the real OS keyring: a private D-Bus session with a fresh,
# unlocked gnome-keyring (its files in a throwaway folder, so no earlier keyring interferes).
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
dbus-run-session -- bash -c '
  echo -n switchboard-test | XDG_DATA_HOME="$0" gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec npx vitest run "$@"' "$keyring_home" "$@"
