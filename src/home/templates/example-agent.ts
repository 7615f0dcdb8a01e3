/** The agent `nightshift init` writes: works offline on a fresh machine, shows every key that matters. */
export function exampleAgent(owner: string, timezone: string): string {
  return `---
# nightly-summarizer: the first background agent. It reads one activity log
# and writes three bullets. Every key is explained in the README.
name: nightly-summarizer
description: Summarizes the day's activity log in three bullets. Runs unsupervised every night.
tools: Read                      # read-only: Read, Grep, Glob, LS; any other tool needs \`writes: true\`
                                 # (WebFetch, WebSearch: \`network: true\`); run refuses it otherwise
owner: ${owner}
trigger:
  cron: "0 23 * * *"             # every day at 23:00 ...
  timezone: ${timezone}          # ... in this zone
  grace: 30m                     # not started within 30m of a due time → a MISSED alert
  catch_up: once                 # after downtime, one late run if still within the deadline
  deadline: 6h
input:
  path: samples/daily-log.txt    # the one file it may read (relative to the home, or absolute)
                                 # a symlink out of its folder is refused (follow_symlinks: true reads it)
  max_bytes: 100KB               # bigger → TOO_LARGE, no model call
runner:
  kind: extractive               # offline summarizer inside nightshift: no key, no network, $0
  # To use Claude Code instead (needs the \`claude\` CLI and a key):
  # kind: claude
  # model: claude-haiku-4-5
limits:                          # enforced by the harness, whatever the model does
  time: 5m
  calls: 10
  cost_usd: 2
  output_bytes: 100KB
budget:
  monthly_usd: 5                 # reaching it pauses the agent
  warn_at: 0.8
alerts:
  cost_over_usd: 0.5
  output_drop: 0.5
  failures_before_alert: 1
output:
  expect: { bullets: 3, max_words: 500 }
retention: daily                 # outputs kept 90 days, then archived
review: weekly
risk:
  worst_hour: It writes a wrong or empty summary into outputs/; nothing else changes.
  recovery_cost: Minutes — re-read the log by hand.
  detection: Non-OK status and output-size alerts; the weekly review.
  stop: nightshift disable nightly-summarizer (or scripts/disable-agent.sh nightly-summarizer)
  worth_it: Yes — a daily record for the cost of a few cents, read-only.
---
# Identity
You are the nightly summarizer. You run on a schedule with nobody watching.

# Task
Read the activity log you are given and summarize the day in exactly three bullets.

# Scope lock
You will only read the log file named in your input. You will not modify any file,
make network calls, read anything else, or write more than 500 words.

# Output format
Day summary ({date}):
- [first bullet]
- [second bullet]
- [third bullet]
STATUS: OK
END_OF_RUN

# Stop conditions
- The log is empty or missing: write "Day summary ({date}): (no activity logged)", then STATUS: EMPTY and END_OF_RUN.
- The log is larger than 100KB: do not summarize; write STATUS: TOO_LARGE and END_OF_RUN.
- A line is malformed: list it under "Anomalies:" and end with STATUS: PARTIAL and END_OF_RUN.
- Anything else unexpected: describe it, then STATUS: UNEXPECTED_INPUT and END_OF_RUN.
Every run ends with a STATUS line and END_OF_RUN. No exceptions.
`;
}

export const SAMPLE_LOG = `09:15 - Deployed v1.42 to production
10:30 - Code review on PR #487 (approved)
11:00 - Standup meeting
13:00 - Lunch
14:00 - Investigated flaky test in auth module, root-caused a race in token refresh
15:30 - Wrote RFC for the new memory layer
16:00 - Paired with Jamie on the payments rounding bug
17:45 - Wrapped up, handed over the on-call pager
`;
