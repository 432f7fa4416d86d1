# Sourced by start.sh and test.sh: makes sure the Debian packages and npm modules are present.
# As root on Debian it installs what is missing; elsewhere it stops with the exact list.

# "package:command-or-path" pairs; a package is present when its probe exists.
SYSTEM_PACKAGES=(
  "postgresql:/usr/lib/postgresql"
  "sip-tester:sipp"
  "python3:python3"
  "make:make"
  "g++:g++"
  "openssl:openssl"
  "libsecret-1-dev:/usr/include/libsecret-1"
  "gnome-keyring:gnome-keyring-daemon"
  "dbus:dbus-run-session"
  "chromium:/usr/bin/chromium"
  "kamailio:kamailio"
  "kamailio-websocket-modules:/usr/lib/x86_64-linux-gnu/kamailio/modules/websocket.so"
  "kamailio-tls-modules:/usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so"
  "sox:sox"
  "espeak-ng:espeak-ng"
  "baresip:baresip"
  "iptables:iptables"
  "iproute2:ip"
  "linphone-cli:linphonec"
  "coturn:turnserver"
  "fonts-noto-color-emoji:/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
)

# What npm ci builds the native modules with (keytar against libsecret, better-sqlite3).
BUILD_PACKAGES=(python3 make g++ libsecret-1-dev)

missing_packages() {
  for entry in "${SYSTEM_PACKAGES[@]}"; do
    local package="${entry%%:*}" probe="${entry#*:}"
    if [[ "$probe" == /* ]]; then [[ -e "$probe" ]] && continue
    else command -v "$probe" >/dev/null 2>&1 && continue
    fi
    echo "$package"
  done
}

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# The system packages, then the npm modules. On a fresh machine both take a minute or more and
# neither keeps both cores busy, so the packages npm ci does not build with install meanwhile.
ensure_dependencies() {
  local missing=() build=() rest=()
  mapfile -t missing < <(missing_packages)
  if [[ ${#missing[@]} -eq 0 ]]; then
    ensure_node_modules
    return
  fi
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing system packages. Install them first, e.g.:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  for package in "${missing[@]}"; do
    if [[ " ${BUILD_PACKAGES[*]} " == *" $package "* ]]; then build+=("$package"); else rest+=("$package"); fi
  done
  [[ ${#build[@]} -eq 0 ]] || apt_install "${build[@]}"
  if [[ ${#rest[@]} -eq 0 ]]; then
    ensure_node_modules
    return
  fi
  # A signal stops npm ci (forward_signals); apt-get is left to finish what it started.
  apt_install "${rest[@]}" &
  local packages=$!
  ensure_node_modules
  wait "$packages"
}

# Runs "$@" as a child and waits for it, passing SIGTERM or SIGINT on to it (as SIGTERM: a
# background child ignores SIGINT) at once: bash holds a signal back until a foreground command
# ends, which may be minutes into npm ci. The script then ends with the child's status.
forward_signals() {
  "$@" &
  local child=$! status=0 signalled=''
  trap 'signalled=1; kill -TERM "$child" 2>/dev/null || true' TERM INT
  # wait returns early when a signal comes; the child is waited for until it is gone.
  while true; do
    wait "$child" && status=0 || status=$?
    kill -0 "$child" 2>/dev/null || break
  done
  trap - TERM INT
  # Stopped: nothing after this step may start, even if the step had just finished.
  [[ -z "$signalled" ]] || exit 143
  return "$status"
}

ensure_node_modules() {
  # npm ci again whenever the lock file's content changed since the last install. Its content, not
  # its time: a checkout (git worktree, switching branches) gives it a new time and nothing new.
  # Electron's install step downloads a binary from a host these machines cannot reach; its types are enough.
  export ELECTRON_SKIP_BINARY_DOWNLOAD=1
  local wanted stamp=node_modules/.switchboard-lock-sha256
  wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ -f "$stamp" ]]; then
    [[ "$(<"$stamp")" == "$wanted" ]] && return 0
  elif [[ -f node_modules/.package-lock.json && ! package-lock.json -nt node_modules/.package-lock.json ]]; then
    # Installed before the stamp existed, and not older than the lock file: current.
    echo "$wanted" >"$stamp"
    return 0
  fi
  forward_signals npm ci --no-audit --no-fund
  echo "$wanted" >"$stamp"
}
