/**
 * The secrets room (issue 12 §5): which environment values are secrets, the
 * one redaction every text from a run passes before it is stored or sent, and
 * the cuts that keep a piece of a secret from surviving at their edges. Pure;
 * every room that stores or sends run text imports it.
 */
export { secretsOf } from './secret-set.js';
export type { Secret } from './secret-set.js';
export { redact, redactFragment } from './redact.js';
export { keepHead, keepTail } from './cut.js';
