// One of the concurrent lookers of the stale-lock test: waits for a shared
// start time, then reaps.
// usage: node reaper.mjs <build> <home> <agent> <start-at-ms>
// <build> holds src/ transpiled to JS (test/state/support/transpile.ts).
// Prints {"recorded":true|false}.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [build, home, agent, startAt] = process.argv.slice(2);
const { reapStaleLock } = await import(pathToFileURL(join(build, 'src/harness/index.js')).href);
const { homePaths } = await import(pathToFileURL(join(build, 'src/home/paths.js')).href);
const paths = homePaths(home);
while (Date.now() < Number(startAt)) await new Promise((resolve) => setTimeout(resolve, 1));
const record = await reapStaleLock(paths, agent, { by: `reaper ${process.pid}` });
process.stdout.write(`${JSON.stringify({ recorded: record !== null })}\n`);
