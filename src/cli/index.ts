/**
 * The CLI room's door, for what lives outside the product: the demo's
 * `npm start` (fixtures/generator/start.ts) reports errors as a command does
 * and prints the status off a terminal as `nightshift console` does. The
 * product's own entry points (main.ts, run-at.ts) are built directly.
 */
export { reportError } from './action.js';
export { printStatus } from './commands/console.js';
export { loadConsole } from './load-console.js';
