import { HIDDEN_ABOVE_C0 } from './hidden.js';

const RAW_IN_JSON = new RegExp(`[${HIDDEN_ABOVE_C0}]`, 'g');

/**
 * JSON.stringify, 7-bit safe for every hidden character (hidden.ts): it
 * escapes the C0 controls itself but leaves DEL, the C1 controls and the
 * bidi controls raw, which a terminal showing `--json` output would obey.
 * They can only stand inside strings, so `\uXXXX` there parses back to the
 * same value.
 */
export function safeJson(value: unknown, space?: number): string {
  const text = JSON.stringify(value, null, space) as string | undefined;
  if (text === undefined) return 'null';
  return text.replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
