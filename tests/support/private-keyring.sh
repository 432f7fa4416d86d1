#!/usr/bin/env bash
# Runs a command in a private D-Bus session with a fresh, unlocked gnome-keyring whose files live
# in a throwaway folder: what signs in and keeps the sign-in (the app's services, the benches that
# drive them) gets a working OS keyring on any machine, and never touches the person's own.
set -euo pipefail
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
dbus-run-session -- bash -c '
  echo -n switchboard-test | XDG_DATA_HOME="$0" gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' "$keyring_home" "$@"
