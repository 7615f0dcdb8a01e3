import type { Renderer } from './common.js';
import { trailer } from './common.js';

const NEW = [
  'Failed webhook deliveries are now retried for up to 24 hours',
  'Admins can set up SSO by pasting a metadata URL',
  'The billing page shows used and paid seats side by side',
  'Exports can be scheduled weekly',
  'Team owners can require two-factor sign-in',
  'Search supports filtering by date range',
  'Invoices can be downloaded as a single ZIP per year',
  'API tokens can be limited to read-only',
];
const IMPROVED = [
  'CSV exports of more than 100,000 rows no longer time out',
  'The dashboard loads about twice as fast on large accounts',
  'Password reset mails arrive within a minute',
  'Search results update within seconds of a change',
  'Invoice PDFs render with the right fonts',
  'Rate-limit errors now say when to retry',
];
const FIXED = [
  'VAT on invoices with mixed rates is rounded correctly',
  'Addresses with a plus sign receive password reset mails',
  'SSO no longer loops back to the start page for some identity providers',
  'Seat counts on invoices match the members page',
  'Webhook signatures are valid for payloads with emoji',
  'The export button works again in Safari',
];

export const releaseNotesDrafter: Renderer = (ctx) => {
  const { rng } = ctx;
  if (ctx.status !== 'OK') return null;
  const pr = () => `#${rng.int(420, 560)}`;
  const section = (items: string[]) => items.map((item) => `- ${item} (${pr()})`).join('\n');
  return `# Release notes draft — v1.${ctx.detail ?? '4x'}

## New
${section(rng.sample(NEW, rng.int(1, 3)))}

## Improved
${section(rng.sample(IMPROVED, rng.int(1, 3)))}

## Fixed
${section(rng.sample(FIXED, rng.int(1, 3)))}

Left out: ${rng.int(3, 11)} internal changes (refactors, CI, dependency bumps).

${trailer('OK')}`;
};
