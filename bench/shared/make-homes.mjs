/**
 * The homes of the shared-home bench (issue 16): 100 agents, one year of runs
 * at the demo fleet's rates, history ending now, written twice from the same
 * records:
 *
 *   single/  every journal in one file (logs/runs.jsonl, alerts.jsonl, …)
 *   shared/  the same records spread over three hosts' own journals
 *            (logs/runs@host-1.jsonl … host-3), as a home mounted on three
 *            hosts leaves them, with `hosts: shared` in nightshift.yaml
 *
 * The agents are the demo home's nine valid ones (fixtures/demo-home), each
 * copied 11 or 12 times under a numbered name; each copy runs at its
 * original's rate in the demo's 90 days (runs per day), its records copied
 * from the original's with new times, ids and names. A run lands on a host
 * drawn at random, as a scheduler (a Kubernetes CronJob) would place it.
 * Deterministic for the seed but for "now".
 *
 *   node bench/shared/make-homes.mjs <dir> [now-iso]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEMO = join(REPO, 'fixtures', 'demo-home');
export const HOSTS = ['host-1', 'host-2', 'host-3'];
export const AGENTS = 100;
const DAY = 86_400_000;
const YEAR = 365 * DAY;

/** mulberry32: the generator's PRNG (src/shared/prng.ts), small enough to repeat here. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const jsonl = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

export function makeHomes(dir, now = new Date()) {
  const random = prng(16);
  const endMs = now.getTime() - 10 * 60_000;
  const demoRuns = jsonl(join(DEMO, 'logs', 'runs.jsonl'));
  const span =
    Math.max(...demoRuns.map((r) => Date.parse(r.ended_at))) - Math.min(...demoRuns.map((r) => Date.parse(r.ended_at)));
  const byAgent = new Map();
  for (const run of demoRuns) byAgent.set(run.agent, [...(byAgent.get(run.agent) ?? []), run]);
  const originals = readdirSync(join(DEMO, 'agents'))
    .map((file) => file.slice(0, -3))
    .filter((name) => byAgent.has(name))
    .sort();

  const agents = [];
  const runs = [];
  for (let i = 0; i < AGENTS; i++) {
    const original = originals[i % originals.length];
    const name = `${original}-${String(Math.floor(i / originals.length) + 1).padStart(2, '0')}`;
    agents.push({ name, original });
    const templates = byAgent.get(original);
    const perDay = templates.length / (span / DAY);
    const gap = DAY / perDay;
    let t = endMs - YEAR + random() * gap;
    for (let n = 0; t < endMs; n++) {
      const template = templates[n % templates.length];
      const ended = Math.round(t);
      const started = ended - template.duration_ms;
      runs.push({
        ...template,
        run_id: `${name}-${n.toString(36)}-${Math.floor(random() * 1e9).toString(36)}`,
        agent: name,
        started_at: new Date(started).toISOString(),
        ended_at: new Date(ended).toISOString(),
        output_file: template.output_file ? template.output_file.replace(`/${original}/`, `/${name}/`) : null,
        host: HOSTS[Math.floor(random() * HOSTS.length)],
      });
      t += gap * (0.5 + random());
    }
  }
  runs.sort((a, b) => a.ended_at.localeCompare(b.ended_at));

  const small = ['alerts', 'changes', 'reviews'].map((kind) => [kind, jsonl(join(DEMO, 'logs', `${kind}.jsonl`))]);
  for (const layout of ['single', 'shared']) {
    const home = join(dir, layout);
    rmSync(home, { recursive: true, force: true });
    for (const sub of ['agents', 'runbooks', 'logs', 'outputs', 'run']) mkdirSync(join(home, sub), { recursive: true });
    const config = readFileSync(join(DEMO, 'nightshift.yaml'), 'utf8');
    writeFileSync(join(home, 'nightshift.yaml'), layout === 'shared' ? `${config}\nhosts: shared\n` : config);
    for (const { name, original } of agents) {
      const text = readFileSync(join(DEMO, 'agents', `${original}.md`), 'utf8');
      writeFileSync(join(home, 'agents', `${name}.md`), text.replace(`name: ${original}\n`, `name: ${name}\n`));
      const runbook = join(DEMO, 'runbooks', `${original}.md`);
      if (existsSync(runbook)) writeFileSync(join(home, 'runbooks', `${name}.md`), readFileSync(runbook, 'utf8'));
    }
    const write = (kind, records, host) => {
      const file = join(home, 'logs', host === null ? `${kind}.jsonl` : `${kind}@${host}.jsonl`);
      writeFileSync(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    };
    if (layout === 'single') {
      write('runs', runs, null);
      for (const [kind, records] of small) write(kind, records, null);
    } else {
      for (const host of HOSTS) {
        write(
          'runs',
          runs.filter((r) => r.host === host),
          host,
        );
        for (const [kind, records] of small)
          write(
            kind,
            records.filter((_, i) => HOSTS[i % HOSTS.length] === host),
            host,
          );
      }
    }
  }
  return { runs: runs.length, agents: agents.length, endedAt: new Date(endMs).toISOString() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, when] = process.argv.slice(2);
  if (!dir) throw new Error('usage: node bench/shared/make-homes.mjs <dir> [now-iso]');
  console.log(makeHomes(dir, when ? new Date(when) : new Date()));
}
