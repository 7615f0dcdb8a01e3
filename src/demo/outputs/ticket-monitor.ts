import type { Renderer } from './common.js';
import { trailer } from './common.js';

const CUSTOMERS: Array<[string, string]> = [
  ['Kundenwerk GmbH', 'Business'],
  ['Nordlicht Media', 'Team'],
  ['Fahrradladen Kiez', 'Starter'],
  ['Studio Acht', 'Team'],
  ['Brandt & Söhne', 'Business'],
  ['Pixelhafen', 'Team'],
  ['Grünfläche e.V.', 'Starter'],
  ['Lumen Labs', 'Business'],
  ['Alpenblick Hotels', 'Business'],
  ['Terra Solar', 'Team'],
];
const SUBJECTS = [
  'SSO login loops back to the start page',
  'Invoice shows wrong seat count',
  'Export to CSV times out',
  'Webhook deliveries delayed',
  'Cannot invite new member',
  'Search returns stale results',
  'Password reset mail never arrives',
  'API 429 although under plan limit',
  'Wrong VAT on the October invoice',
  'Dashboard loads slowly since Monday',
];

export const ticketMonitor: Renderer = (ctx) => {
  const { rng } = ctx;
  if (ctx.status === 'UNEXPECTED_INPUT') {
    return `# Tickets — ${ctx.date} ${ctx.time}\n\nThe export's columns changed: expected id, customer, plan, priority, created_at, last_customer_reply_at, last_agent_reply_at, assignee, subject; found ticket_id, org_name, tier, urgency, opened, updated, owner, title. No report was made.\n\n${trailer('UNEXPECTED_INPUT')}`;
  }
  if (ctx.status !== 'OK') return null;
  const line = () => {
    const [customer, plan] = rng.pick(CUSTOMERS);
    return { id: rng.int(4300, 4499), customer, plan, subject: rng.pick(SUBJECTS) };
  };
  const breaching = Array.from({ length: rng.chance(0.15) ? 0 : rng.int(1, 3) }, line);
  const atRisk = Array.from({ length: rng.int(2, 4) }, line);
  const quiet = rng.int(6, 19);
  const breachLines = breaching.length
    ? breaching.map((t) => `- #${t.id} ${t.customer} (${t.plan}, ${rng.pick(['high', 'normal'])}) — ${t.subject} — waiting ${rng.int(5, 30)}h, assignee ${rng.pick(['mia', 'tom', 'nobody'])}`).join('\n')
    : '(none): every open ticket has had a first answer in time.';
  const riskLines = atRisk.map((t) => `- #${t.id} ${t.customer} — breaches in ${rng.int(20, 230)} min`).join('\n');
  return `# Tickets — ${ctx.date} ${ctx.time}\n\n## Breaching SLA\n${breachLines}\n\n## At risk\n${riskLines}\n\n## Quiet\n${quiet} other open tickets within SLA; the oldest unanswered one has waited ${rng.int(1, 6)}h.\n\n${trailer('OK')}`;
};
