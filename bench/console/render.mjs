/**
 * In-process cost of one keypress: reducer + React + Ink layout and diff,
 * drawn to a fake 120×40 terminal, on a real home's snapshot.
 *
 *   node bench/console/render.mjs <home> [--bin other/bin/nightshift.js]
 */
import { Writable } from 'node:stream';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const at = args.indexOf('--bin');
const dist = at === -1 ? join(root, 'dist') : join(dirname(resolve(args[at + 1])), '..', 'dist');
const home = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--bin') ?? '.');

const [{ openHome }, { loadFleet }, { render }, React, { App }, { createStore }, { initialState }] = await Promise.all([
  import(join(dist, 'home', 'index.js')),
  import(join(dist, 'fleet', 'index.js')),
  import('ink'),
  import('react'),
  import(join(dist, 'console', 'app.js')),
  import(join(dist, 'console', 'store.js')),
  import(join(dist, 'console', 'state.js')),
]);

let bytes = 0;
const stdout = Object.assign(new Writable({ write(chunk, _e, cb) { bytes += chunk.length; cb(); } }), { isTTY: true, columns: 120, rows: 40 });
const stdin = Object.assign(new (await import('node:stream')).PassThrough(), { isTTY: true, setRawMode() {}, ref() {}, unref() {} });
const opened = await openHome(home);
const { snapshot } = await loadFleet(opened, {});
const store = createStore(initialState({ now: Date.now(), cols: 120, rows: 40, readonly: false, noColor: false, home: opened.root, seed: 1 }));
store.dispatch({ type: 'fleet-loaded', snapshot });
let rendered = null;
const instance = render(React.createElement(App, { store }), { stdout, stdin, exitOnCtrlC: false, patchConsole: false, incrementalRendering: true, maxFps: 1000, onRender: () => rendered?.() });
await new Promise((r) => setTimeout(r, 200));

const times = [];
const frameBytes = [];
for (let i = 0; i < 200; i++) {
  const before = bytes;
  const t0 = performance.now();
  const done = new Promise((r) => (rendered = r));
  store.dispatch({ type: 'keys', keys: [i % 20 < 10 ? 'j' : 'k'] });
  await done;
  times.push(performance.now() - t0);
  frameBytes.push(bytes - before);
  await new Promise((r) => setTimeout(r, 2));
}
const tick = [];
for (let i = 0; i < 50; i++) {
  const t0 = performance.now();
  const done = new Promise((r) => (rendered = r));
  store.dispatch({ type: 'tick', now: Date.now() + i * 1000 });
  await Promise.race([done, new Promise((r) => setTimeout(r, 50))]);
  tick.push(performance.now() - t0);
}
instance.unmount();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${snapshot.agents.length} agents: keypress → frame written ${median(times).toFixed(2)} ms median (p90 ${[...times].sort((a, b) => a - b)[Math.floor(times.length * 0.9)].toFixed(2)}), ${median(frameBytes)} bytes a frame; a 1 s tick ${median(tick).toFixed(2)} ms`);
process.exit(0);
