import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../home/index.js';
import { reportError } from '../cli/action.js';
import { copyDemoHome } from './rebase.js';

/**
 * `npm start`: the demo fleet in the console. fixtures/demo-home is copied to
 * a fresh temp folder with its history moved up to today (the fixture itself
 * is never written), then the console opens on the copy. Not on a terminal
 * (CI, a pipe): `nightshift status` of the copy instead, exit 0.
 */
const fixture = join(packageRoot(), 'fixtures', 'demo-home');

async function main(): Promise<number> {
  if (!existsSync(fixture)) {
    process.stderr.write(`nightshift demo: ${fixture} is missing: run \`npm run fixtures\` first.\n`);
    return 2;
  }
  const home = await mkdtemp(join(tmpdir(), 'nightshift-demo-'));
  const { days } = await copyDemoHome(fixture, home, new Date());
  const tty = Boolean(process.stdout.isTTY && process.stdin.isTTY);
  if (!tty) {
    const { printStatus } = await import('../cli/commands/console.js');
    process.stdout.write(`The demo fleet (history moved forward ${days} days) is in ${home}; on a terminal, \`npm start\` opens the console on it.\n\n`);
    return printStatus(home, false);
  }
  const env = { ...process.env };
  process.env.NODE_ENV ??= 'production'; // React and Ink in their production builds
  const [{ openHome }, { loadFleet }] = await Promise.all([import('../home/index.js'), import('../fleet/index.js')]);
  const opened = await openHome(home);
  // read the fleet while React and Ink load
  const firstLoad = loadFleet(opened, { lookedBy: 'console' });
  firstLoad.catch(() => undefined);
  const [{ openConsole }, { binPath }] = await Promise.all([import('../console/index.js'), import('../cli/bin-path.js')]);
  const code = await openConsole({ home: opened, firstLoad, binPath: binPath(), env });
  process.stdout.write(`The demo home stays in ${home}: \`nightshift --home ${home}\` opens it again, \`rm -rf ${home}\` removes it.\n`);
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error, false);
  },
);
