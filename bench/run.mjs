// `npm run bench`: every benchmark in turn, each against its named
// alternative in the same run. Results land next to each suite and are
// summarised by hand in bench/README.md. `npm run bench -- status harness`
// runs only those suites. `--base DIR`: another checkout of nightshift, built
// (say `git worktree add /tmp/ns-base <commit>` and `npm run build` there),
// timed beside this one wherever a suite measures start-up (harness, status,
// console), so a change is read as a ratio against it in the same run.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigHome } from './support.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const baseAt = args.indexOf('--base');
if (baseAt !== -1) {
  process.env.NIGHTSHIFT_BENCH_BASE = resolve(args[baseAt + 1]);
  args.splice(baseAt, 2);
}
const suites = {
  status: ['bench/status/run.mjs'],
  harness: ['bench/harness/run.mjs'],
  schedule: ['bench/schedule/run.mjs'],
  governance: ['bench/governance/run.mjs'],
  prune: ['bench/governance/prune-bench.mjs'],
  review: ['bench/review/run.mjs'],
  console: ['bench/console/run.mjs'],
  shared: ['bench/shared/run.mjs'],
  telemetry: ['bench/telemetry/run.mjs'],
};
const chosen = args.length > 0 ? args : Object.keys(suites);
spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
await bigHome();
let failed = 0;
for (const name of chosen) {
  const args = suites[name];
  if (!args) {
    console.error(`unknown suite ${name}: expected one of ${Object.keys(suites).join(', ')}`);
    process.exitCode = 2;
    continue;
  }
  console.log(`\n=== ${name} ===`);
  const result = spawnSync('node', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
if (failed > 0) process.exitCode = 1;
