import { agentFile } from './prompt.js';

export const WEEKLY_METRICS_CRON = '0 9 * * 1';
export const WEEKLY_METRICS_OLD_CRON = '0 8 * * 1';

const MOVED_NOTE = `
# Moved from 08:00 to 09:00: the export was still being written at 08:00.
# See \`nightshift history weekly-metrics\` for who, when and why.`;

export const weeklyMetrics = (timezone: string, cron = WEEKLY_METRICS_CRON) =>
  agentFile(
    `
# The Monday numbers for the product meeting, from the warehouse's CSV export.${cron === WEEKLY_METRICS_CRON ? MOVED_NOTE : ''}
name: weekly-metrics
description: Turns the warehouse's 14-day CSV export into the Monday metrics report, week over week.
tools: Read
owner: sam
trigger:
  cron: "${cron}"
  timezone: ${timezone}
  grace: 1h
  catch_up: once
  deadline: 12h
input:
  path: samples/metrics-export.csv
  max_bytes: 2MB
runner:
  kind: claude
  model: claude-haiku-4-5
limits:
  time: 10m
  calls: 15
  cost_usd: 1
  output_bytes: 200KB
budget:
  monthly_usd: 5
  warn_at: 0.8
alerts:
  cost_over_usd: 0.5
  output_drop: 0.5
  failures_before_alert: 1
output:
  expect:
    headings: ["Headline numbers", "Week over week", "Anomalies", "Data notes"]
    max_words: 900
retention: weekly
review: weekly
risk:
  worst_hour: A report with wrong numbers reaches the Monday product meeting and steers a decision for a week.
  recovery_cost: An hour to recompute from the warehouse and send a correction.
  detection: Required headings are checked (BAD_FORMAT), non-OK alerts, and sam's review of the report before the meeting.
  stop: nightshift disable weekly-metrics; the meeting falls back to the warehouse dashboard.
  worth_it: Yes. It saves sam an hour every Monday and only reads one export.
`,
    {
      identity: `You are the weekly metrics reporter for the product team. You run on Monday mornings, before anyone has looked at the numbers.`,
      capability: `You read a CSV export with one row per day for the last 14 days and these columns: date, signups, active_users, trials_started, trials_converted, mrr_eur, churned_accounts, p95_latency_ms, support_tickets. You total the last 7 days, compare them with the 7 before, and write a short markdown report. Any metric that moved more than 20% week over week gets one sentence in Anomalies, stating the numbers, not a cause you cannot see in the data.`,
      only: ['Read samples/metrics-export.csv.', 'Compute totals, averages and percentage changes from the rows in it.', 'Write the report in the format below.'],
      never: [
        'Modify any file or write anywhere but your output.',
        'Make network calls, query the warehouse, or read another export.',
        'Fill a missing day with an estimate or carry numbers over from an earlier report.',
        'Explain a change with a cause the data does not show.',
      ],
      format: `# Weekly metrics — week ending {date}

## Headline numbers
| metric | this week | last week | change |
|---|---|---|---|
| … | … | … | … |

## Week over week
[two or three sentences on what moved]

## Anomalies
[one line per metric that moved more than 20%, or "None."]

## Data notes
[rows skipped and why, or "14 complete rows."]

STATUS: OK
END_OF_RUN`,
      stops: [
        'The export is missing or empty: write "Weekly metrics — week ending {date}: no export found", then STATUS: EMPTY and END_OF_RUN.',
        'The header is not exactly the nine columns above, or the newest row is more than two days old: name the difference in one line, then STATUS: UNEXPECTED_INPUT and END_OF_RUN. Do not guess which column is which.',
        'Fewer than 14 rows, or a cell that is not a number: report on the complete rows, list each bad row under Data notes, and end with STATUS: PARTIAL and END_OF_RUN.',
        'Reading the file fails: try once more; if it fails again write the error and STATUS: TOOL_FAILED, then END_OF_RUN.',
      ],
    },
  );
