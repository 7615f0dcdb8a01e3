/**
 * scripts/ of the demo home. disable-agent.sh is init's kill switch, except
 * that it finds its home from its own location and uses `nightshift` from
 * PATH: the fixture is committed and copied, so no absolute path in it can be
 * right. queue-report.sh is the command runner of queue-depth-responder, a
 * real POSIX script so the demo agent can actually run.
 */
export const DISABLE_SCRIPT = `#!/bin/sh
# Disable an agent and kill its run in flight: disable-agent.sh <name> [reason]
# It calls the same code as \`nightshift disable\` and \`nightshift kill\`.
set -eu
if [ $# -lt 1 ]; then
  echo "usage: $0 <agent-name> [reason]" >&2
  exit 2
fi
# The home is the folder above this script, wherever the home was copied to.
NIGHTSHIFT_HOME=$(cd "$(dirname "$0")/.." && pwd)
export NIGHTSHIFT_HOME
reason="\${2:-disabled with disable-agent.sh}"
nightshift disable "$1" --reason "$reason"
nightshift kill "$1" --reason "$reason" --if-running
`;

export function queueReportScript(threshold: number): string {
  return `#!/bin/sh
# queue-depth-responder's runner: a breakdown of the job queue by type and age.
# Reads one file, writes only to stdout, ends with the STATUS/END_OF_RUN trailer.
# Queue lines look like: 2026-11-20T13:05:22Z invoice-pdf job-8f3a21
set -u
queue="\${1:?usage: queue-report.sh <queue-file>}"
threshold=${threshold}
now=$(date '+%Y-%m-%d %H:%M')

if [ ! -s "$queue" ]; then
  echo "Queue depth report — $now: queue empty"
  printf 'STATUS: EMPTY\\nEND_OF_RUN\\n'
  exit 0
fi

bad=$(awk 'NF != 3 { print NR; exit }' "$queue")
if [ -n "$bad" ]; then
  echo "Queue depth report — $now"
  echo "line $bad of $queue does not have three fields (time, type, id); stopping."
  printf 'STATUS: ERROR\\nEND_OF_RUN\\n'
  exit 0
fi

total=$(wc -l < "$queue" | tr -d ' ')
echo "Queue depth report — $now"
echo "total: $total jobs (threshold $threshold)"
echo "by type:"
awk '{ n[$2]++ } END { for (t in n) printf "  %-16s %5d\\n", t, n[t] }' "$queue" | sort -k2 -nr
oldest=$(sort "$queue" | head -n 1 | awk '{ print $1 }')
echo "oldest: $oldest"
printf 'STATUS: OK\\nEND_OF_RUN\\n'
`;
}
