import { test } from 'vitest';
import { parseAgentText, formatProblem } from '../../src/agents/index.js';
test('smoke', () => {
  const cases = [
`---
name: x
description: d
trigger:
  cron: "61 * * * *"
  timezone: Mars/Base
limts:
  time: 5m
limits:
  time: 5 minutes
  calls: "ten"
runner:
  kind: gpt
budget:
  monthly_usd: -1
retention: { keep: 30d, then: burn }
---
body`,
`---
name: y
description: d
trigger: { cron: "0 23 * * *", timezone: Europe/Berlin }
runner: { kind: extractive }
input: { path: /tmp/x, max_bytes: 100KB }
---
prompt`,
`---
name: x
description: [unclosed
---
b`,
];
  for (const c of cases) {
    const e = parseAgentText(c, { name: 'x', file: 'agents/x.md', absolutePath: '/x' });
    if (e.ok) console.log('OK', JSON.stringify({ t: e.agent.trigger, l: e.agent.limits, i: e.agent.input, stamp: e.agent.stamp }));
    else console.log(e.problems.map(formatProblem).join('\n'));
  }
});
