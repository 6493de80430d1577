#!/usr/bin/env bash
# The browser tests as two runs at the same time, each against its own production server and
# fresh demo database (ports E2E_PORT and E2E_PORT+1000): the phone-profile specs in one, the
# desktop specs in the other, the page-by-page accessibility sweep split between them by screen
# width and four desktop specs moved beside the phone ones (playwright.config.ts), so the two
# take about the same time.
# Two runs keep both cores busy (vmstat: ~90 % during the runs, 2026-12-04), so a third run at
# once would not shorten the phase; balance the two instead. Extra arguments go to both runs;
# E2E_SERIAL=1 runs everything as one (e.g. to debug a single spec).
set -uo pipefail
cd "$(dirname "$0")/.."
BASE="${E2E_PORT:-3100}"
if [ "${E2E_SERIAL:-0}" = "1" ]; then exec npx playwright test "$@"; fi
GROUPS_=("--project=phone-360 --project=a11y-360 --project=desktop-2" "--project=desktop --project=a11y")
LOGS="$(mktemp -d)"
pids=()
for i in "${!GROUPS_[@]}"; do
  # shellcheck disable=SC2086 # the group is a list of flags
  E2E_PORT=$((BASE + i * 1000)) npx playwright test --pass-with-no-tests ${GROUPS_[$i]} "$@" >"$LOGS/$i.log" 2>&1 &
  pids+=("$!")
done
status=0
for i in "${!GROUPS_[@]}"; do
  wait "${pids[$i]}" || status=1
  printf '\n---- browser tests: %s ----\n' "${GROUPS_[$i]}"
  cat "$LOGS/$i.log"
done
rm -rf "$LOGS"
exit "$status"
