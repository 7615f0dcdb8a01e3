#!/usr/bin/env node
/**
 * The console's fleet table against @alcalzone/ink-table (issue 13, point 5):
 * the cost of one update at 50 rows, in process, drawn by Ink to a fake
 * 160×200 terminal (tall enough that both tables fit: Ink redraws the whole
 * screen when the output is taller than the terminal).
 *
 *   node bench/console/table.mjs [--updates 41] [--rows 50]
 *
 * Both tables show the same texts: the console's selectors make the rows
 * (fleetRowWindow) for a 50-agent fleet, its FleetView draws them, and
 * ink-table's <Table> is given the same cells as plain strings, in the same
 * columns. An update is what the live view sees most: one agent's run ended,
 * so a new snapshot in which that agent's last run, status and time changed
 * (a different agent each time). Timed: the new state given to Ink
 * (rerender) → the frame written to the terminal; medians, after 5 warm-up
 * updates. ink-table is installed on first use into bench/.work/outside: it
 * is not a dependency of nightshift.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { outsidePackage } from '../support.mjs';

process.env.NODE_ENV = 'production'; // React's production build, as the console's bundle has
const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const UPDATES = option('--updates', 41);
const ROWS = option('--rows', 50);
const WARM_UP = 5;
const COLS = 160;
const TERMINAL_ROWS = 200;

const inkTable = await import(outsidePackage('@alcalzone/ink-table', '1.1.1'));

// The console's table and selectors, and the tests' in-memory fleet, bundled
// from src/ with every package left outside: ink, react and ink-table must
// each be one copy, the one in node_modules.
mkdirSync(join(root, 'bench', '.work'), { recursive: true });
const out = mkdtempSync(join(root, 'bench', '.work', 'console-table-'));
process.on('exit', () => rmSync(out, { recursive: true, force: true }));
await build({
  absWorkingDir: root,
  stdin: {
    contents: `
      export { FleetView } from './src/console/components/fleet-view.js';
      export { fleetLayout, fleetRowWindow, plainText } from './src/console/selectors.js';
      export { initialState } from './src/console/state.js';
      export { agent, run, snapshot, NOW } from './test/console/support.js';`,
    resolveDir: root,
    loader: 'ts',
  },
  outfile: join(out, 'table.mjs'),
  bundle: true,
  packages: 'external',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'error',
});
const { FleetView, fleetLayout, fleetRowWindow, plainText, initialState, agent, run, snapshot, NOW } = await import(
  pathToFileURL(join(out, 'table.mjs')).href
);
const { render } = await import('ink');
const { createElement } = await import('react');

const STATUSES = ['OK', 'ERROR', 'TIMEOUT', 'OK', 'SKIPPED'];
const names = Array.from(
  { length: ROWS },
  (_, i) => `agent-${String(i).padStart(2, '0')}-${['digest', 'triage', 'watcher', 'report'][i % 4]}`,
);
const base = names.map((name, i) =>
  agent(name, {
    lastRun: run(name, {
      status: STATUSES[i % STATUSES.length],
      started_at: new Date(NOW - (i + 1) * 600_000).toISOString(),
    }),
  }),
);

/** The console's state after update n: agent n % ROWS has a new last run. */
function stateAfter(n) {
  const agents = [...base];
  const i = n % ROWS;
  agents[i] = agent(names[i], {
    lastRun: run(names[i], {
      status: STATUSES[(n + 1) % STATUSES.length],
      started_at: new Date(NOW - (n % 7) * 60_000).toISOString(),
    }),
  });
  const state = initialState({
    now: NOW,
    cols: COLS,
    rows: TERMINAL_ROWS,
    readonly: false,
    noColor: false,
    home: '/home',
    seed: 1,
  });
  return { ...state, snapshot: snapshot(agents), fleet: { ...state.fleet, cursor: names[0] } };
}

/** ink-table given what the console shows: each row's cells as text, under the console's column titles. */
function InkTableFleet({ state }) {
  const columns = fleetLayout(state);
  const rows = fleetRowWindow(state, 0, ROWS);
  const data = rows.map((row) =>
    Object.fromEntries(columns.map((column) => [column.title, plainText(row.cells[column.id])])),
  );
  return createElement(inkTable.Table, {
    data,
    columns: columns.map((column) => ({ key: column.title, align: column.align })),
  });
}

async function measure(Component) {
  const times = [];
  const sizes = [];
  let bytes = 0;
  let first = '';
  const stdout = Object.assign(
    new Writable({
      write(chunk, _e, cb) {
        bytes += chunk.length;
        if (times.length === 0) first += chunk;
        cb();
      },
    }),
    { isTTY: true, columns: COLS, rows: TERMINAL_ROWS },
  );
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode() {}, ref() {}, unref() {} });
  let rendered = null;
  // the console's options (src/console/runtime/open.tsx), with no frame-rate cap in the way of the timing
  const instance = render(createElement(Component, { state: stateAfter(0) }), {
    stdout,
    stdin,
    exitOnCtrlC: false,
    patchConsole: false,
    incrementalRendering: true,
    maxFps: 1000,
    onRender: () => rendered?.(),
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  // the first frame holds every row: both tables draw the whole fleet
  const missing = names.filter((name) => !first.includes(name));
  if (missing.length > 0) throw new Error(`${Component.name}: the first frame lacks ${missing.join(', ')}`);
  const frameLines = first.split('\n').length;
  for (let n = 1; n <= WARM_UP + UPDATES; n++) {
    const element = createElement(Component, { state: stateAfter(n) });
    const before = bytes;
    const done = new Promise((resolve) => (rendered = resolve));
    const t0 = performance.now();
    instance.rerender(element);
    await done;
    if (n > WARM_UP) {
      times.push(performance.now() - t0);
      sizes.push(bytes - before);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  instance.unmount();
  return { times, sizes, frameLines };
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

// alternated, twice each, so neither gets the warmer half of the run
const results = { console: [], inkTable: [] };
for (let round = 0; round < 2; round++) {
  results.console.push(await measure(FleetView));
  results.inkTable.push(await measure(InkTableFleet));
}
console.log(
  `one update (a run ended) → frame written, ${ROWS} rows, ${COLS}×${TERMINAL_ROWS}, medians of ${2 * UPDATES} updates (load ${loadavg()[0].toFixed(2)}):`,
);
const figures = {};
for (const [name, label] of [
  ['console', 'console FleetView'],
  ['inkTable', '@alcalzone/ink-table 1.1.1'],
]) {
  const times = results[name].flatMap((r) => r.times);
  const sizes = results[name].flatMap((r) => r.sizes);
  figures[name] = median(times);
  console.log(
    `  ${label.padEnd(28)} ${median(times).toFixed(2).padStart(6)} ms (p90 ${p90(times).toFixed(2)})` +
      `   ${median(sizes)} bytes written an update, ${results[name][0].frameLines} lines a frame`,
  );
}
console.log(`  ink-table / console: ${(figures.inkTable / figures.console).toFixed(1)}×`);
process.exit(0);
