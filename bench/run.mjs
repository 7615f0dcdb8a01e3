// `npm run bench`: every benchmark in turn, each against its named
// alternative in the same run. Results land next to each suite and are
// summarised by hand in bench/README.md. `npm run bench -- status harness`
// runs only those suites.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bigHome } from './support.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const suites = {
  status: ['bench/status/run.mjs'],
  harness: ['bench/harness/run.mjs'],
  schedule: ['bench/schedule/run.mjs'],
  governance: ['bench/governance/run.mjs'],
  prune: ['bench/governance/prune-bench.mjs'],
  console: ['bench/console/run.mjs'],
};
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(suites);
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
