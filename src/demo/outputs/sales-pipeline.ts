import type { Renderer } from './common.js';
import { thousands, trailer } from './common.js';

const ACCOUNTS = ['Kundenwerk', 'Nordlicht Media', 'Hafenlogistik', 'Studio Acht', 'Lumen Labs', 'Brandt & Söhne', 'Pixelhafen', 'Alpenblick Hotels', 'Stadtwerke Nord', 'Kiezkaffee', 'Terra Solar', 'Moosgrün'];
const OWNERS = ['sam', 'nina', 'olaf'];
const STAGES = ['lead', 'qualified', 'demo', 'proposal', 'negotiation'];

export const salesPipeline: Renderer = (ctx) => {
  const { rng } = ctx;
  if (ctx.status !== 'OK') return null;
  const eur = () => `EUR ${thousands(rng.int(8, 120) * 500)}`;
  const moved = rng.sample(ACCOUNTS, rng.int(1, 4)).map((a) => {
    const from = rng.int(0, STAGES.length - 2);
    return `- ${a} (${rng.pick(OWNERS)}): ${STAGES[from]} → ${STAGES[from + 1]}, ${eur()}`;
  });
  const stalled = rng.sample(ACCOUNTS, rng.int(1, 3)).map((a) => `- ${a} (${rng.pick(OWNERS)}): ${rng.pick(STAGES)}, no activity for ${rng.int(14, 40)} days`);
  const closed = rng.sample(ACCOUNTS, rng.int(0, 2)).map((a) => `- ${rng.chance(0.6) ? 'won' : 'lost'} ${a} (${rng.pick(OWNERS)}): ${eur()}`);
  return `# Pipeline — ${ctx.date}
Open pipeline: EUR ${thousands(rng.int(380, 520) * 1000)} in ${rng.int(24, 41)} deals

## Moved
${moved.join('\n')}

## Stalled
${stalled.join('\n')}

## Closed
${closed.length ? closed.join('\n') : '(none since yesterday)'}

${trailer('OK')}`;
};
