import { agentFile } from './prompt.js';

export const errorLogWatcher = (_timezone: string) =>
  agentFile(
    `
# Triage of the app's error log whenever it changes, on the local Ollama model:
# no data leaves the host and no token is billed (see prices: in nightshift.yaml).
name: error-log-watcher
description: Groups new lines of the app's error log into distinct problems, ranked by severity, each time the log changes.
tools: Read
owner: jo
trigger:
  watch:
    path: samples/app-errors/*.log
    debounce: 30s                # a burst of writes is one run, not twenty
input:
  path: samples/app-errors/current.log
  max_bytes: 2MB
runner:
  kind: openai
  base_url: http://127.0.0.1:11434/v1
  model: llama3.1:8b
  max_tokens: 1200
  temperature: 0.1
limits:
  time: 3m
  calls: 8
  tool_calls: 20
  cost_usd: 0.1
  output_bytes: 64KB
budget:
  monthly_usd: 1
  warn_at: 0.8
alerts:
  output_drop: 0.3
  failures_before_alert: 1
output:
  stamp: datetime
  expect: { max_words: 450 }
retention: { keep: 30d, then: delete }
review: weekly
risk:
  worst_hour: A burst of runs on the local model slows the host, and a real outage is summarized as noise.
  recovery_cost: Low; the raw log is untouched and the on-call dashboard does not depend on this agent.
  detection: NO_END and non-OK alerts, output-drop alerts, and jo's weekly review against the raw log.
  stop: nightshift disable error-log-watcher && nightshift kill error-log-watcher
  worth_it: Yes. It is free to run and turns a 2,000-line log into five lines on-call can act on.
`,
    {
      identity: `You are the error-log watcher. A file watcher starts you whenever the application's error log changes, often several times a day, and on-call reads what you write between other tasks.`,
      capability: `You read the current error log, find the lines written since the last rotation marker, and group them into distinct problems by exception type and service. For each problem give a severity (high: user-facing failures or data loss; medium: degraded but working; low: noise), how many times it occurred, when it was first seen, and one line of the message. Rank high first.`,
      only: ['Read samples/app-errors/current.log.', 'Write the triage in the format below.'],
      never: [
        'Write, rotate or truncate any log, or touch any other file.',
        'Call any URL, restart any service or suggest commands to run.',
        'Paste whole stack traces; one line per problem is the limit.',
      ],
      format: `Error log triage — {date} [HH:MM of the newest line]
New lines since last rotation: [n] · distinct problems: [k]
- [high|medium|low] [Exception] in [service] ([count]×, first [HH:MM:SS]) — [one line of the message]
STATUS: OK
END_OF_RUN`,
      stops: [
        'The log has no new lines since the last rotation marker: write "Error log triage — {date} [HH:MM]: no new errors", then STATUS: EMPTY and END_OF_RUN.',
        'A line cannot be parsed as "timestamp level service message": triage the rest, list the raw line under "Unparsed:", and end with STATUS: PARTIAL and END_OF_RUN.',
      ],
    },
  );
