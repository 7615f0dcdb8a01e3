#!/usr/bin/env bash
# `npm run test:claude`: the REAL Claude Code CLI (2.1.330) against the mock
# model server on 127.0.0.1 (test/claude-e2e/*.e2e.ts):
#   real-claude.e2e.ts     nightshift's claude runner module driving the CLI
#                          (normal, runaway, max turns, hang, an escaped Bash child)
#   nightshift-run.e2e.ts  the built CLI end to end: `nightshift init`, then
#                          `nightshift run <agent> --json` with ANTHROPIC_BASE_URL at
#                          the mock (normal → OK, a 300 KB prompt → OK, runaway → CALL_LIMIT,
#                          hang → TIMEOUT):
#                          exit code, the runs.jsonl record, output, lock, /proc
#   export-claude-agents.e2e.ts  `nightshift export claude-agents` JSON accepted by the real
#                          `claude --agents` (as an argument and as a file), and a session run as
#                          an exported agent (--agent) sends its prompt, tools and model; the
#                          Markdown agent file itself is refused as --agents
# Installs the CLI into a temporary folder on first use (about 380 MB from the
# npm registry; no API key, no other network). Reuses it afterwards. Builds
# dist/ first when it is missing or older than src/.
#   NIGHTSHIFT_REAL_CLAUDE_DIR   where to install (default: $TMPDIR/nightshift-real-claude-2.1.330)
#   NIGHTSHIFT_E2E_VERBOSE=1     print each run's outcome
# Extra arguments go to vitest (e.g. -t runaway, or test/claude-e2e/nightshift-run.e2e.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

version=2.1.330
dir="${NIGHTSHIFT_REAL_CLAUDE_DIR:-${TMPDIR:-/tmp}/nightshift-real-claude-$version}"
platform="$(node -p 'process.platform + "-" + process.arch')"
bin="$dir/node_modules/@anthropic-ai/claude-code-$platform/claude"

if ! "$bin" --version 2>/dev/null | grep -q "^$version"; then
  echo "test:claude: installing @anthropic-ai/claude-code@$version into $dir (about 380 MB)..."
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --no-save "@anthropic-ai/claude-code@$version"
fi
echo "test:claude: $("$bin" --version) at $bin"

# nightshift-run.e2e.ts drives bin/nightshift.js, which runs dist/: never test a stale build
if [ ! -f dist/cli/main.js ] || [ -n "$(find src -newer dist/cli/main.js -print -quit)" ]; then
  echo "test:claude: dist/ is missing or older than src/: npm run build"
  npm run build
fi

export NIGHTSHIFT_REAL_CLAUDE_DIR="$dir"
exec npx vitest run --config test/claude-e2e/vitest.config.ts "$@"
