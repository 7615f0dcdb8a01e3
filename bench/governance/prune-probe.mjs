/**
 * One measured prune in a fresh process (so peak RSS is prune's own):
 *   node bench/governance/prune-probe.mjs <home> [--dry-run]
 * Prints one JSON line: wall ms, peak RSS, what moved.
 */
// bench/.work/rooms.mjs, bundled by prune-bench.mjs (bench/support.mjs rooms())
const {
  home: { openHome },
  governance: { prune },
} = await import(new URL('../.work/rooms.mjs', import.meta.url).href);

const [home, flag] = process.argv.slice(2);
const dryRun = flag === '--dry-run';
const opened = await openHome(home, {});
const started = performance.now();
const report = await prune(opened, { dryRun });
const ms = performance.now() - started;
const applied = report.applied;
console.log(
  JSON.stringify({
    ms: Math.round(ms),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    planned: report.plan.actions.length,
    archived: applied ? applied.archived.length : 0,
    deleted: applied ? applied.deleted.length : 0,
    failed: applied ? applied.failed.length : 0,
    kept: report.plan.kept,
  }),
);
