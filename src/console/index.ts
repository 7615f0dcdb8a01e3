/**
 * The console room (DESIGN §8): an Ink app over a pure reducer. Only the CLI's
 * console command and the demo's `npm start` import this, lazily, so no other
 * command pays for React and Ink.
 */
export { openConsole } from './runtime/open.js';
export type { ConsoleOptions } from './runtime/open.js';
