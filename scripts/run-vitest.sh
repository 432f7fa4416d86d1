#!/usr/bin/env bash
# Runs the Vitest projects (vitest.config.ts) as the machine can take them. The calls over real
# sockets spend their time waiting on audio played in real time and use about one core between
# them; the CPU-bound files (Chromium's above all) run at the same time, in a second Vitest, niced
# so that they take what is left and never starve the calls' audio. Then, alone, the files that
# put phones in network namespaces, and those that measure time. Arguments go to every Vitest (a
# file filter that leaves one with nothing to run is not a failure).
set -uo pipefail
cd "$(dirname "$0")/.."

vitest() { npx vitest run --passWithNoTests "$@"; }

vitest --project calls "$@" &
calls=$!
nice -n 10 npx vitest run --passWithNoTests --project node --project renderer "$@"
cpu_bound=$?
wait "$calls"
calls=$?
vitest --project network-namespaces --project measures-time "$@"
alone=$?

echo "Vitest exit codes: CPU-bound files $cpu_bound, calls $calls, namespaces and timing $alone"
[ "$cpu_bound" -eq 0 ] && [ "$calls" -eq 0 ] && [ "$alone" -eq 0 ]
