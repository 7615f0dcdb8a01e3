/**
 * Stands in for the console inside dist/cli/nightshift.cjs, so that script
 * never carries React or Ink: src/cli/launch.ts starts the console from
 * dist/cli/console.cjs (scripts/build.mjs swaps this in).
 */
export function openConsole(): never {
  throw new Error('the console is started from dist/cli/console.cjs: run it through bin/nightshift.js');
}
