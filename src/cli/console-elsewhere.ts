/**
 * Stands in for the console inside dist/cli/nightshift.cjs: Ink loads only as
 * an ES module, so bin/nightshift.js starts the console from dist/cli/main.js
 * and never reaches this (scripts/build.mjs swaps it in).
 */
export function openConsole(): never {
  throw new Error('the console is started from dist/cli/main.js: run it through bin/nightshift.js');
}
