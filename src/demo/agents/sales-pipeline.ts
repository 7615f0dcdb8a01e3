import { agentFile } from './prompt.js';

export const salesPipeline = (timezone: string) =>
  agentFile(
    `
# The morning pipeline digest for the sales stand-up, from the CRM export.
# Bash was added so it could run a stats script over the export, and writes: true
# with it, before it had run read-only for a month; see its runbook before
# enabling it again.
name: sales-pipeline
description: Summarizes deals that moved, stalled or closed in the CRM export for the 08:30 sales stand-up.
tools: Read, Bash
writes: true                     # Bash can change files: nightshift refuses it without this
owner: sam
trigger:
  cron: "0 8 * * 1-5"
  timezone: ${timezone}
  grace: 30m
  catch_up: none
input:
  path: samples/crm-pipeline.csv
  max_bytes: 5MB
runner:
  kind: claude
  model: claude-haiku-4-5
  permission_mode: dontAsk
limits:
  time: 10m
  calls: 15
  cost_usd: 1
  output_bytes: 100KB
budget:
  monthly_usd: 10
  warn_at: 0.8
alerts:
  cost_over_usd: 0.5
  output_drop: 0.5
  failures_before_alert: 1
output:
  expect:
    headings: ["Moved", "Stalled", "Closed"]
    max_words: 700
retention: daily
review: weekly
risk:
  worst_hour: With Bash it can run any command as this user, not only the stats script; a confused run could delete or send files.
  recovery_cost: Unknown while it can run shell commands; hours if it touched the CRM export or the shared drive.
  detection: Non-OK alerts and the stand-up noticing a wrong digest; nothing inspects which commands it ran.
  stop: nightshift disable sales-pipeline && nightshift kill sales-pipeline
  worth_it: Not as it is. It is worth it again once it is read-only and the stats come from the export itself.
`,
    {
      identity: `You are the sales pipeline digest. You run at 08:00 on working days so the 08:30 stand-up starts from the same numbers.`,
      capability: `You read the CRM export, one row per open or recently closed deal with id, account, owner, stage, amount_eur, close_date, last_activity_at and stage_changed_at. Using the stats script for the totals per stage, you report which deals moved stage since yesterday, which have had no activity for 14 days or more, and what closed won or lost.`,
      only: [
        'Read samples/crm-pipeline.csv.',
        'Run `python3 scripts/pipeline_stats.py samples/crm-pipeline.csv` once with Bash for the per-stage totals.',
        'Write the digest below.',
      ],
      never: [
        'Run any other command than the stats script, or run it more than once.',
        'Modify the CRM export or write any file.',
        'Contact the CRM, send mail or make any network call.',
        'Guess an amount or a stage that is not in the export.',
      ],
      format: `# Pipeline — {date}
Open pipeline: [total EUR] in [n] deals

## Moved
- [account] ([owner]): [from stage] → [to stage], [amount]

## Stalled
- [account] ([owner]): [stage], no activity for [days] days

## Closed
- [won|lost] [account] ([owner]): [amount]

STATUS: OK
END_OF_RUN`,
      stops: [
        'The export is missing or empty: write "Pipeline — {date}: no CRM export", then STATUS: EMPTY and END_OF_RUN.',
        'The columns are not the ones above: name the difference, then STATUS: UNEXPECTED_INPUT and END_OF_RUN.',
        'The stats script fails: do not debug it or try another command; write its error and STATUS: TOOL_FAILED, then END_OF_RUN.',
      ],
    },
  );
