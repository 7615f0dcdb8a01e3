import { agentFile } from './prompt.js';

/**
 * Work in progress and broken on purpose: minute 61 does not exist and
 * `limts:` is a typo. nightshift refuses the whole file rather than run it
 * with no limits, and the console shows it INVALID with the first error.
 */
export const churnPredictor = (timezone: string) =>
  agentFile(
    `
# Draft: weekly list of accounts that look likely to churn. Not reviewed yet.
name: churn-predictor
description: Lists accounts whose usage pattern looks like the weeks before a cancellation.
tools: Read
owner: sam
trigger:
  cron: "61 * * * *"
  timezone: ${timezone}
input:
  path: samples/customers.csv
  max_bytes: 5MB
runner:
  kind: claude
  model: claude-haiku-4-5
limts:
  time: 10m
  calls: 15
  cost_usd: 1
  output_bytes: 100KB
budget:
  monthly_usd: 5
review: weekly
`,
    {
      identity: `You are the churn predictor. You run without supervision and your list goes to the customer success team.`,
      capability: `You read a CSV of accounts with weekly active users for the last eight weeks, plan and seats, and list the accounts whose activity fell by half or more over four weeks, largest accounts first.`,
      only: ['Read samples/customers.csv.', 'Write the list below.'],
      never: ['Contact customers, change accounts or write any file.', 'Make network calls.', 'Label an account with a reason the data does not show.'],
      format: `# Churn watch — {date}
- [account] ([plan], [seats] seats): weekly actives [8 weeks ago] → [now]
STATUS: OK
END_OF_RUN`,
      stops: [
        'The CSV is missing or empty: write "Churn watch — {date}: no data", then STATUS: EMPTY and END_OF_RUN.',
        'The columns are not the expected ones: name the difference, then STATUS: UNEXPECTED_INPUT and END_OF_RUN.',
        'Fewer than eight weeks of data for an account: leave it out and say how many were left out, then STATUS: PARTIAL and END_OF_RUN.',
      ],
    },
  );
