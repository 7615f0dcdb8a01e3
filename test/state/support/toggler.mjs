// One of the concurrent writers of the state concurrency test (plain node, no TypeScript).
// usage: node toggler.mjs <build dir> <home> <index> <toggles> <own-agent> <shared-agent>
// <build dir> holds src/ transpiled to JS by transpile.ts.
// Toggles alternate between its own agent (n even) and the shared one (n odd);
// each agent sees pause, resume, pause, ... with reason "p<index>-<n>".
// Prints one JSON line: per role, how many changes applied and which were no-ops.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [build, home, index, toggles, own, shared] = process.argv.slice(2);
const { applyChange } = await import(pathToFileURL(join(build, 'src/state/index.js')).href);
const { homePaths } = await import(pathToFileURL(join(build, 'src/home/paths.js')).href);

const paths = homePaths(home);
const outcomes = { own: { applied: 0, noop: [] }, shared: { applied: 0, noop: [] } };

for (let n = 0; n < Number(toggles); n++) {
  const role = n % 2 === 0 ? 'own' : 'shared';
  const action = Math.floor(n / 2) % 2 === 0 ? 'pause' : 'resume';
  const reason = `p${index}-${n}`;
  const result = await applyChange(paths, {
    action,
    agent: role === 'own' ? own : shared,
    reason,
    by: `p${index}`,
    source: 'script',
  });
  if (result.applied) outcomes[role].applied++;
  else outcomes[role].noop.push({ action, reason, noop: result.noop });
}
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
