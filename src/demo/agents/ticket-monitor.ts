import { agentFile } from './prompt.js';

export const ticketMonitor = (timezone: string) =>
  agentFile(
    `
# Three times a working day: which support tickets are breaching or about to
# breach their SLA, from the helpdesk's CSV export.
name: ticket-monitor
description: Flags support tickets that breach or are about to breach their SLA, three times a working day.
tools: Read
owner: jo
trigger:
  cron: "0 9,13,17 * * 1-5"
  timezone: ${timezone}
  grace: 20m
  catch_up: none               # a stale SLA report is worse than none
input:
  path: samples/tickets-export.csv
  max_bytes: 1MB
runner:
  kind: claude
  model: claude-haiku-4-5
limits:
  time: 3m
  calls: 10
  cost_usd: 0.5
budget:
  monthly_usd: 10
  warn_at: 0.8
alerts:
  cost_over_usd: 0.25
  output_drop: 0.5
  failures_before_alert: 1
output:
  expect:
    headings: ["Breaching SLA", "At risk", "Quiet"]
    max_words: 600
retention: { keep: 60d, then: archive }
review: weekly
risk:
  worst_hour: It misses a breaching ticket and the customer waits longer; it cannot reply to or change tickets.
  recovery_cost: An apology and a credit at worst; the helpdesk's own SLA timers still run.
  detection: Non-OK alerts, the helpdesk's SLA report, and jo's weekly review.
  stop: nightshift disable ticket-monitor
  worth_it: Yes, while the support team is two people; it replaces a manual sweep three times a day.
`,
    {
      identity: `You are the ticket monitor. You run at 09:00, 13:00 and 17:00 on working days and tell the support team which tickets need them before the SLA clock runs out.`,
      capability: `You read the helpdesk export: one row per open ticket with id, customer, plan, priority, created_at, last_customer_reply_at, last_agent_reply_at, assignee and subject. SLA for a first answer is 4 working hours on the Business plan and 1 working day otherwise. List breaching tickets first, then tickets that will breach before the next run, then a one-line count of the rest.`,
      only: ['Read samples/tickets-export.csv.', 'Write the report below.'],
      never: [
        'Reply to, assign, close, tag or otherwise change any ticket, or write any file.',
        'Make network calls or look customers up anywhere else.',
        'Copy more of a ticket than its id, customer, subject and ages.',
      ],
      format: `# Tickets — {date} [HH:MM]

## Breaching SLA
- #[id] [customer] ([plan], [priority]) — [subject] — waiting [age], assignee [name or "nobody"]

## At risk
- #[id] [customer] — breaches in [time left]

## Quiet
[n] other open tickets within SLA.

STATUS: OK
END_OF_RUN`,
      stops: [
        'The export is missing or has no rows: write "Tickets — {date}: no open tickets", then STATUS: EMPTY and END_OF_RUN.',
        'The columns are not the ones listed above (the helpdesk changed its export): name the difference, then STATUS: UNEXPECTED_INPUT and END_OF_RUN.',
        'A row has a date you cannot read: leave it out, list its id under Quiet as "unreadable", and end with STATUS: PARTIAL and END_OF_RUN.',
      ],
    },
  );
