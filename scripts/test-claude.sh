#!/usr/bin/env bash
# `npm run test:claude`: the REAL Claude Code CLI (2.1.330), driven by
# nightshift's claude runner, against the mock model server on 127.0.0.1.
# Installs the CLI into a temporary folder on first use (about 380 MB from the
# npm registry; no API key, no other network). Reuses it afterwards.
#   NIGHTSHIFT_REAL_CLAUDE_DIR   where to install (default: $TMPDIR/nightshift-real-claude-2.1.330)
#   NIGHTSHIFT_E2E_VERBOSE=1     print each run's outcome
# Extra arguments go to vitest (e.g. -t runaway).
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

export NIGHTSHIFT_REAL_CLAUDE_DIR="$dir"
exec npx vitest run --config test/claude-e2e/vitest.config.ts "$@"
