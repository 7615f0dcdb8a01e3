/**
 * One measurement, in a fresh process: open the trail of <logs> (cold or warm
 * depends on what is in logs/.index), answer what `status` asks, print JSON.
 *
 *   node bench/journal/.build/bench/journal/open-trail.js <logs> [timezone]
 */
import { readFileSync } from 'node:fs';
import { openRunTrail } from '../../src/journal/index.js';

function peakRssKb(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(line?.replace(/\D+/g, '') ?? Number.NaN);
}

const [logs, timezone = 'Europe/Berlin'] = process.argv.slice(2);
if (logs === undefined) {
  console.error('usage: open-trail.js <logs> [timezone]');
  process.exit(2);
}
const started = performance.now();
const cpuBefore = process.cpuUsage();
const trail = await openRunTrail(logs, { timezone });
const opened = performance.now();
// what `status --json` needs: last run, streak and month-to-date cost per agent
const last = trail.lastRunPerAgent();
const month = trail.monthKeyOf(new Date(Math.max(...[...last.values()].map((run) => Date.parse(run.ended_at)))));
const costs = trail.costPerAgentPerMonth([month]);
let streaks = 0;
for (const agent of trail.agents())
  streaks +=
    trail.failureStreak(agent) + trail.recentRuns(agent, 30).length + (trail.medianOkOutputSize(agent) ?? 0) * 0;
const done = performance.now();
const cpu = process.cpuUsage(cpuBefore);
console.log(
  JSON.stringify({
    openMs: Math.round(opened - started),
    totalMs: Math.round(done - started),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssMb: Math.round(peakRssKb() / 1024),
    agents: last.size,
    runs: trail.stats().reduce((sum, stats) => sum + stats.good, 0),
    bad: trail.badLineCount(),
    costsFor: month,
    check: costs.size + streaks,
  }),
);
