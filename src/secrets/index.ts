/**
 * The secrets room (issue 12 §5): which environment values are secrets, the
 * one redaction every text from a run passes before it is stored or sent, and
 * the cuts that keep a piece of a secret from surviving at their edges. Pure;
 * every room that stores or sends run text imports it.
 */
export { isSecretName, MIN_SECRET_LENGTH, secretList, secretsOf } from './secret-set.js';
export type { Secret, SecretSource } from './secret-set.js';
export { marker, PIECE_LENGTH, redact, redactEdges, redactFragment } from './redact.js';
export type { CutEdges } from './redact.js';
export { keepHead, keepTail } from './cut.js';
