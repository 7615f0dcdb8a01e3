/**
 * In-process cost of one keypress: reducer + React + Ink layout and diff,
 * drawn to a fake 120×40 terminal, on a real home's snapshot. The console is
 * bundled from src/ on the fly (dist/ holds it split into chunks).
 *
 *   node bench/console/render.mjs <home> [--frames 200]
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const home = resolve(args.find((a) => !a.startsWith('--')) ?? '.');
const frames = args.includes('--frames') ? Number(args[args.indexOf('--frames') + 1]) : 200;

// inside the repository (bench/.work is ignored): the bundle looks for nightshift's package.json above itself
mkdirSync(join(root, 'bench', '.work'), { recursive: true });
const out = mkdtempSync(join(root, 'bench', '.work', 'console-render-'));
await build({
  absWorkingDir: root,
  stdin: {
    contents: `
      export { openHome } from './src/home/index.js';
      export { loadFleet } from './src/fleet/index.js';
      export { App } from './src/console/app.js';
      export { createStore } from './src/console/store.js';
      export { initialState } from './src/console/state.js';
      export { render } from 'ink';
      export { createElement } from 'react';`,
    resolveDir: root,
    loader: 'ts',
  },
  outdir: out,
  entryNames: 'console',
  outExtension: { '.js': '.mjs' },
  // as the build does: Ink's devtools (and react-devtools-core) stay in a chunk that is never loaded
  splitting: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  define: { 'process.env.NODE_ENV': '"production"' },
  external: ['react-devtools-core'],
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  logLevel: 'error',
});
const { openHome, loadFleet, App, createStore, initialState, render, createElement } = await import(
  pathToFileURL(join(out, 'console.mjs')).href
);
process.on('exit', () => rmSync(out, { recursive: true, force: true }));

let bytes = 0;
const stdout = Object.assign(
  new Writable({
    write(chunk, _e, cb) {
      bytes += chunk.length;
      cb();
    },
  }),
  { isTTY: true, columns: 120, rows: 40 },
);
const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode() {}, ref() {}, unref() {} });
const opened = await openHome(home);
const { snapshot } = await loadFleet(opened, {});
const store = createStore(
  initialState({ now: Date.now(), cols: 120, rows: 40, readonly: false, noColor: false, home: opened.root, seed: 1 }),
);
store.dispatch({ type: 'fleet-loaded', snapshot });
let rendered = null;
const instance = render(createElement(App, { store }), {
  stdout,
  stdin,
  exitOnCtrlC: false,
  patchConsole: false,
  incrementalRendering: true,
  maxFps: 1000,
  onRender: () => rendered?.(),
});
await new Promise((r) => setTimeout(r, 200));

const times = [];
const sizes = [];
for (let i = 0; i < frames; i++) {
  const before = bytes;
  const t0 = performance.now();
  const done = new Promise((r) => (rendered = r));
  store.dispatch({ type: 'keys', keys: [i % 20 < 10 ? 'j' : 'k'] });
  await done;
  times.push(performance.now() - t0);
  sizes.push(bytes - before);
  await new Promise((r) => setTimeout(r, 2));
}
instance.unmount();
const sorted = [...times].sort((a, b) => a - b);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `${snapshot.agents.length} agents: keypress → frame written ${median(times).toFixed(2)} ms median ` +
    `(p90 ${sorted[Math.floor(sorted.length * 0.9)].toFixed(2)}), ${median(sizes)} bytes a frame, ` +
    `RSS ${Math.round(process.memoryUsage.rss() / 1048576)} MB`,
);
process.exit(0);
