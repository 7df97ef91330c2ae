#!/usr/bin/env bash
# Runs the unit and workflow tests with the clock of Node and of Temporal's time-skipping test
# server moved by libfaketime (Debian package `faketime`) to instants where a test that leans on
# the wall clock would break: a Sunday evening in UTC that is 02:40 on Monday in Shanghai, a Friday
# evening, a working day inside a public holiday, the last second of a month (and of a year) in
# Shanghai, the last second of a month in UTC. One run also uses another time zone for the process.
#
#   scripts/test-at-instants.sh                 every instant
#   scripts/test-at-instants.sh 2026-11-29T18:40:00Z [jest args…]   one instant
#
# The `temporal` dev server is statically linked and ignores libfaketime; the e2e specs that use it
# derive their dates from the service's own answers instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

LIB="${FAKETIME_LIB:-}"
for candidate in /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 /usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
  [ -n "$LIB" ] && break
  [ -f "$candidate" ] && LIB="$candidate"
done
if [ -z "$LIB" ] || [ ! -f "$LIB" ]; then
  echo "[instants] libfaketime not found: install the Debian package 'faketime' (or set FAKETIME_LIB)" >&2
  exit 1
fi

# instant (UTC) | time zone of the test process | why
INSTANTS=(
  "2026-11-29T18:40:00Z|UTC|Sunday 18:40 UTC = Monday 02:40 in Shanghai (the hour the suite once failed)"
  "2026-12-04T11:30:00Z|Asia/Shanghai|Friday 19:30 in Shanghai, after the 09:00 send time, before a weekend"
  "2026-10-05T02:00:00Z|UTC|Monday 10:00 in Shanghai inside the National Day holiday"
  "2026-12-31T15:59:59Z|UTC|the last second of December 2026 in Shanghai (month and year end)"
  "2027-02-28T23:59:59Z|America/Los_Angeles|the last second of February 2027 in UTC, a year without a work calendar"
)
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]{4}- ]]; then
  INSTANTS=("$1|UTC|given on the command line")
  shift
fi

failed=()
for entry in "${INSTANTS[@]}"; do
  IFS='|' read -r instant zone why <<<"$entry"
  epoch="$(date -u -d "$instant" +%s)"
  # libfaketime reads an absolute start in the process's local time.
  local_start="$(TZ="$zone" date -d "@$epoch" '+%Y-%m-%d %H:%M:%S')"
  echo "[instants] $instant ($why), TZ=$zone"
  if ! env TZ="$zone" LD_PRELOAD="$LIB" FAKETIME="@$local_start" FAKETIME_DONT_RESET=1 \
      npx jest --runInBand "$@" --selectProjects unit workflow; then
    failed+=("$instant")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "[instants] failed at: ${failed[*]}" >&2
  exit 1
fi
echo "[instants] unit and workflow tests passed at ${#INSTANTS[@]} instants"
