#!/usr/bin/env bash
# `npm run test:dates` (the last step of `npm test`): the tests that read the
# real clock — the console in tmux, the console's effects, the demo home made
# around "now" — once for each kind of day that has broken them before, with
# the clock faked by libfaketime for the whole process tree (vitest, the CLI,
# tmux and the console alike):
#   the 1st of a month before the morning runs, the 6th (a Sunday), the 31st
#   at 23:30 UTC (already the 1st in Berlin), a Monday morning, and both of
#   Berlin's daylight-saving days, inside the skipped and the repeated hour.
# Installs faketime with apt-get when it is missing and this is root (CI);
# elsewhere it says so and stops without failing.
# Extra arguments go to vitest (e.g. test/e2e-tmux/journey.test.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test:dates: installing faketime"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
  else
    echo "test:dates: SKIPPED — faketime is not installed (apt-get install faketime) and this is not root to install it" >&2
    exit 0
  fi
fi

dates=(
  '2026-12-01 05:10:00'
  '2026-12-06 09:45:00'
  '2027-01-31 23:30:00'
  '2027-02-15 07:30:00'
  '2027-03-28 01:30:00'
  '2027-10-31 00:30:00'
)
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(test/e2e-tmux test/demo test/console/effects.test.ts test/console/effects-actions.test.ts test/console/cli.test.ts)

for date in "${dates[@]}"; do
  echo "test:dates: the clock at $date UTC"
  # Only the wall clock is faked: timers and timeouts keep the real monotonic clock.
  TZ=UTC FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "$date" npx vitest run "${suites[@]}"
done
