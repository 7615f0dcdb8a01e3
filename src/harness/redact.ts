import { redactFragment, type SecretSource } from '../secrets/index.js';

/**
 * The harness's names for the secrets room (src/secrets), kept for the code
 * and tests that import them from here. The rules live there.
 */
export { MIN_SECRET_LENGTH, redact, secretsOf } from '../secrets/index.js';
export type { Secret } from '../secrets/index.js';

/** A text cut at its end (a byte limit): `redact`, and a secret's start left at the end is redacted too. */
export function redactTruncated(text: string, source: SecretSource): string {
  return redactFragment(text, source, { end: true });
}
