import type { Renderer } from './common.js';
import { harnessEmpty, harnessTooLarge, trailer } from './common.js';

/** Log lines an extractive summarizer would lift, by the role they play in the summary. */
const SHIPPED = [
  '09:10 - Deployed v1.38 of the billing service; migration ran in 40s',
  '09:20 - Released the CSV streaming export to all customers',
  '10:05 - Merged the retry budget for webhook delivery after review',
  '11:40 - Decided with Sam to keep the metrics report on haiku, cost is fine',
  '15:30 - Shipped the SSO metadata-by-URL option behind a flag',
  '09:35 - Rolled out the new rate limiter to 10% of API traffic',
  '16:45 - Agreed the Q4 on-call rotation: weekly, handover on Mondays',
  '10:50 - Merged the VAT rounding fix after the accountant confirmed the examples',
  '14:20 - Deployed the search indexer with bulk retries',
  '11:15 - Published the status page post-mortem for the Tuesday outage',
  '09:50 - Turned on prompt caching for the inbox digest, cost per run halved',
  '17:10 - Closed the vendor review for the new email provider: go',
  '10:25 - Shipped the seat-usage panel on the billing page',
  '13:40 - Cut release v1.41 and sent the notes to support',
];
const INVESTIGATED = [
  '14:00 - Root-caused the flaky auth test: refresh and logout race on the token row',
  '11:20 - Traced slow invoice queries to a missing index on account_id',
  '15:10 - Found why webhook retries doubled: clock skew on worker-3',
  '13:30 - Profiled the PDF renderer, font loading is 60% of the time',
  '16:20 - Looked into the 529s from the API overnight; provider-side, resolved',
  '10:40 - Debugged the SSO loop for Kundenwerk: wrong ACS URL in their IdP',
  '14:50 - Reproduced the CSV export timeout with a 200k-row account',
  '12:10 - Checked why the research digest got expensive: feed doubled in size',
  '15:45 - Bisected the memory growth in the search indexer to the bulk buffer',
  '11:05 - Compared Ollama 8B and haiku on last week\'s error logs: 8B is good enough',
  '16:05 - Went through the disk alerts on demo-host: log rotation had stopped',
  '13:15 - Read the eval results for the ticket monitor prompt change',
];
const OPEN = [
  '17:30 - Payments rounding bug still open, fix drafted, needs a second review',
  '17:45 - Wrapped up; churn-predictor draft waits for a prompt review',
  '18:00 - Left the SSO ticket with Jo, waiting on the customer\'s IT',
  '17:20 - Handed the pager to Sam, nothing open except the flaky e2e job',
  '17:55 - Still to do: decide whether the research digest keeps the cs.LG feed',
  '18:10 - Open: the invoice seat-count question from Kundenwerk',
  '17:40 - Pending: kernel update on demo-host, reboot planned for Tuesday night',
  '17:35 - Blocked on the warehouse team for the export timing change',
  '18:20 - Tomorrow: finish the runbook for the sales pipeline rewrite',
  '17:15 - Waiting for legal on the new data processing agreement',
];
const MALFORMED = ['1x:3O - ??? deploy', 'TODO check this', '---- pasted from slack ----', '14;05 Investigated the queue backlog', 'see above'];

export const nightlySummarizer: Renderer = (ctx) => {
  const { rng } = ctx;
  switch (ctx.status) {
    case 'EMPTY':
      return harnessEmpty(`Day summary (${ctx.date}): (no activity logged)`);
    case 'TOO_LARGE':
      return harnessTooLarge(ctx);
    case 'OK':
    case 'PARTIAL':
    case 'BAD_FORMAT': {
      const lines = ctx.status === 'BAD_FORMAT' ? [rng.pick(SHIPPED), rng.pick(OPEN)] : [rng.pick(SHIPPED), rng.pick(INVESTIGATED), rng.pick(OPEN)];
      const body = `Day summary (${ctx.date}):\n${lines.map((line) => `- ${line}`).join('\n')}\n`;
      if (ctx.status === 'PARTIAL') {
        const line = rng.int(3, 14);
        return `${body}Anomalies:\n  line ${line}: "${rng.pick(MALFORMED)}" (no HH:MM time at the start)\n${trailer('PARTIAL')}`;
      }
      return `${body}${trailer('OK')}`;
    }
    default:
      return null;
  }
};
