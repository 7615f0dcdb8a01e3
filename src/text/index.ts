/**
 * The text room: what foreign text may look like once nightshift prints it.
 * Below every room that prints (cli, governance, console, harness, schedule)
 * and imports none of them.
 */
export { visible } from './visible.js';
export { safeJson } from './safe-json.js';
export { colorEnabled, paint } from './style.js';
export type { Color } from './style.js';
export { formatTable } from './table.js';
export type { Column } from './table.js';
