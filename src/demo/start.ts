import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportError } from '../cli/action.js';
import { makeDemoHome } from './make-home.js';

/**
 * `npm start`: the demo fleet in the console. The demo home is generated into
 * a fresh temp folder with a history that ends now (fixtures/ is never
 * written), then the console opens on it. Not on a terminal (CI, a pipe):
 * `nightshift status` of the demo home instead, exit 0.
 */
async function main(): Promise<number> {
  const home = await mkdtemp(join(tmpdir(), 'nightshift-demo-'));
  await makeDemoHome(home, new Date());
  const tty = Boolean(process.stdout.isTTY && process.stdin.isTTY);
  if (!tty) {
    const { printStatus } = await import('../cli/commands/console.js');
    process.stdout.write(`The demo fleet (a history that ends now) is in ${home}; on a terminal, \`npm start\` opens the console on it.\n\n`);
    return printStatus(home, false);
  }
  const env = { ...process.env };
  process.env.NODE_ENV ??= 'production'; // React and Ink in their production builds
  const [{ openHome }, { loadFleet }] = await Promise.all([import('../home/index.js'), import('../fleet/index.js')]);
  const opened = await openHome(home);
  // read the fleet while React and Ink load
  const firstLoad = loadFleet(opened, { lookedBy: 'console' });
  firstLoad.catch(() => undefined);
  const [{ openConsole }, { binPath }] = await Promise.all([import('../cli/load-console.js').then(({ loadConsole }) => loadConsole()), import('../cli/bin-path.js')]);
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
