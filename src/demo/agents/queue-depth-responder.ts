import { agentFile } from './prompt.js';

export const QUEUE_THRESHOLD = 100;

export const queueDepthResponder = (_timezone: string) =>
  agentFile(
    `
# When the job queue backs up past ${QUEUE_THRESHOLD} entries, write a breakdown of what is
# stuck so on-call does not have to grep the queue file. A plain shell script:
# no model, no tokens, no spend. The prompt below is the script's contract.
name: queue-depth-responder
description: Reports what is stuck in the job queue, by job type and age, when the queue grows past ${QUEUE_THRESHOLD} entries.
owner: sam
trigger:
  when:
    command: "test $(wc -l < samples/queue.txt) -gt ${QUEUE_THRESHOLD}"
    every: 5m
    timeout: 10s
input:
  path: samples/queue.txt
  max_bytes: 1MB
runner:
  kind: command
  command: ["sh", "scripts/queue-report.sh", "samples/queue.txt"]
limits:
  time: 1m
  calls: 1
  cost_usd: 0                    # a script: any spend at all is a bug
  output_bytes: 32KB
budget:
  monthly_usd: 1
  warn_at: 0.8
alerts:
  failures_before_alert: 1
output:
  stamp: datetime
  expect: { max_words: 400 }
retention: { keep: 30d, then: delete }
review: weekly
risk:
  worst_hour: It fires every five minutes while the queue stays high and fills outputs/ with near-identical reports.
  recovery_cost: None beyond deleting files; it reads one file and changes nothing.
  detection: Runs-per-day in the console, non-OK alerts, and sam's weekly review.
  stop: nightshift disable queue-depth-responder
  worth_it: Yes. On-call gets the breakdown the moment the queue backs up, for free.
`,
    {
      identity: `You are the queue-depth responder: a short shell script, not a model. The scheduler starts you when the job queue crosses ${QUEUE_THRESHOLD} entries, and on-call reads your report first when the queue alert fires.`,
      capability: `You read the queue file, one job per line as "<enqueued ISO time> <job type> <job id>", count the jobs by type, find the oldest one and its age, and print a fixed-width report.`,
      only: ['Read samples/queue.txt.', 'Print the report below on stdout.'],
      never: [
        'Dequeue, retry, delete or reorder jobs, or write any file.',
        'Call the queue service or the network; it uses nothing but sh and the standard text tools (awk, sort, wc, head).',
        'Print job payloads; the type and id are enough.',
      ],
      format: `Queue depth report — [date and time]
total: [n] jobs (threshold ${QUEUE_THRESHOLD})
by type:
  [type]  [count]
oldest: [ISO time] ([age])
STATUS: OK
END_OF_RUN`,
      stops: [
        'The queue file is missing or empty (it drained before the script ran): print "Queue depth report — [date and time]: queue empty", then STATUS: EMPTY and END_OF_RUN.',
        'A line does not have the three fields: stop at it, print its line number, then STATUS: ERROR and END_OF_RUN. A queue file in a new format must be looked at by a person.',
        'The total is at or below the threshold (the queue drained between check and run): print the total, then STATUS: OK and END_OF_RUN; do not report a backlog that is gone.',
      ],
    },
  );
