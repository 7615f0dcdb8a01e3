import type { Renderer } from './common.js';
import { harnessEmpty, trailer } from './common.js';

const TYPES = ['invoice-pdf', 'webhook-deliver', 'search-reindex', 'email-send', 'export-csv', 'thumbnail'];

export const queueDepthResponder: Renderer = (ctx) => {
  const { rng } = ctx;
  if (ctx.status === 'EMPTY') return harnessEmpty(`queue-depth-responder (${ctx.date}): (no activity logged)`);
  const header = `Queue depth report — ${ctx.date} ${ctx.time}`;
  if (ctx.status === 'ERROR') {
    return `${header}\nline ${rng.int(60, 140)} of samples/queue.txt does not have three fields (time, type, id); stopping.\n${trailer('ERROR')}`;
  }
  if (ctx.status !== 'OK') return null;
  const total = Math.max(101, Math.round(ctx.inputSize / 47));
  // One type is usually the culprit: a stuck consumer lets its jobs pile up.
  const culprit = rng.pick(TYPES);
  const rest = rng.sample(TYPES.filter((t) => t !== culprit), rng.int(2, 4));
  let left = total;
  const counts: Array<[string, number]> = [];
  const culpritCount = Math.round(total * rng.float(0.55, 0.8));
  counts.push([culprit, culpritCount]);
  left -= culpritCount;
  rest.forEach((type, i) => {
    const n = i === rest.length - 1 ? left : Math.max(1, Math.round(left * rng.float(0.3, 0.6)));
    counts.push([type, n]);
    left -= n;
  });
  const lines = counts.filter(([, n]) => n > 0).map(([type, n]) => `  ${type.padEnd(16)} ${String(n).padStart(5)}`);
  const oldest = new Date(ctx.at.getTime() - rng.int(25 * 60, 190 * 60) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${header}\ntotal: ${total} jobs (threshold 100)\nby type:\n${lines.join('\n')}\noldest: ${oldest}\n${trailer('OK')}`;
};
