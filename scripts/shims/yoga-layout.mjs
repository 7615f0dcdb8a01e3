// Yoga for the console inside dist/cli/nightshift.cjs. yoga-layout waits for
// its WebAssembly with a top-level await, which a CommonJS script cannot do;
// src/cli/launch.ts loads it (yoga-layout/load) before the console's modules
// initialise and leaves it here. scripts/build.mjs puts this file in place of
// the package.
const Yoga = globalThis.__nightshiftYoga;
if (Yoga === undefined) throw new Error('Yoga was not loaded before the console: start it through bin/nightshift.js');
export default Yoga;
