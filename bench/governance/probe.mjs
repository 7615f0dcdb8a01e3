/**
 * One measurement in a fresh process: import the built modules, then time a
 * governance command's work as its CLI action does it (open the home, load,
 * compute, render) first in the fresh process, then warm (best of three), and
 * the shared part alone (loadFleet: agent files, state, trail, alerts). Prints
 * one JSON line.
 *
 *   node bench/governance/probe.mjs <costs|registry|review> <home> <now>
 */
const [command, home, nowText] = process.argv.slice(2);
// bench/.work/rooms.mjs, bundled by run.mjs (bench/support.mjs rooms())
const started = performance.now();
const {
  home: { openHome },
  governance: gov,
  fleet: { loadFleet },
} = await import(new URL('../.work/rooms.mjs', import.meta.url).href);
const imported = performance.now();
const now = new Date(nowText);
/** The command's work; with `fleet`, only what governance adds to a fleet already loaded (the console's case). */
async function work(fleet) {
  const opened = await openHome(home);
  if (command === 'costs') return gov.renderCosts((await gov.loadCosts(opened, { now, fleet })).report, 160);
  if (command === 'registry')
    return gov.renderRegistryText((await gov.loadRegistry(opened, { now, fleet })).registry, 160);
  if (command === 'review') return gov.renderReview((await gov.loadReview(opened, { now, seed: 1, fleet })).report);
  throw new Error(`unknown command ${command}`);
}
const text = await work();
const firstMs = performance.now() - imported;
/** the best of three in this process: other work on the machine only ever adds time */
async function best(task) {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await task();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}
// again in the same process: what the console pays on a refresh, JIT warm, modules loaded
const warmMs = await best(() => work());
// the shared query layer alone (agent files, state, trail, alerts): what every fleet view pays
const fleetWarmMs = await best(async () => loadFleet(await openHome(home), { now }));
// what governance adds on top of it
const fleet = await loadFleet(await openHome(home), { now });
const ownMs = await best(() => work(fleet));

console.log(
  JSON.stringify({
    command,
    importMs: imported - started,
    firstMs,
    warmMs,
    fleetWarmMs,
    ownMs,
    chars: text.length,
    rssMb: process.memoryUsage().rss / 1e6,
  }),
);
