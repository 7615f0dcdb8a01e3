/**
 * scripts/disable-agent.sh: the kill switch for people who remember shell
 * commands better than flags. It calls the same code as the CLI.
 */
export function disableScript(home: string, nightshiftBin: string): string {
  return `#!/bin/sh
# Disable an agent and kill its run in flight: disable-agent.sh <name> [reason]
# Written by \`nightshift init\`; it calls the same code as \`nightshift disable\` and \`nightshift kill\`.
set -eu
if [ $# -lt 1 ]; then
  echo "usage: $0 <agent-name> [reason]" >&2
  exit 2
fi
NIGHTSHIFT_HOME=${shellQuote(home)}
export NIGHTSHIFT_HOME
if [ -x ${shellQuote(nightshiftBin)} ]; then
  NS=${shellQuote(nightshiftBin)}
else
  NS=nightshift
fi
reason="\${2:-disabled with disable-agent.sh}"
"$NS" disable "$1" --reason "$reason"
"$NS" kill "$1" --reason "$reason" --if-running
`;
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
