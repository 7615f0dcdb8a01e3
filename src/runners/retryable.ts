/**
 * An API error the provider itself marks as worth trying again: HTTP 429 (rate limited), HTTP 529 and
 * Anthropic's `overloaded_error` (overloaded), `rate_limit_error`. The run still ends RUNNER_FAILED (the
 * runner did not finish); its reason starts with these words, so a person (and the retry policy's
 * RUNNER_FAILED, README "Retry policy") sees that a later attempt may well succeed.
 */
const RETRYABLE_HTTP = new Set([429, 529]);
const RETRYABLE_TYPES = /\b(overloaded_error|rate_limit_error)\b/;
const API_ERROR_STATUS = /\bAPI Error:\s*(\d{3})\b/;

/** "retryable API error (HTTP 529, overloaded_error)", or null when nothing marks it retryable. */
export function retryableApiError(status: number | undefined, text: string): string | null {
  const quoted = API_ERROR_STATUS.exec(text);
  const code = status ?? (quoted ? Number(quoted[1]) : undefined);
  const type = RETRYABLE_TYPES.exec(text)?.[1];
  const byStatus = code !== undefined && RETRYABLE_HTTP.has(code);
  if (!byStatus && type === undefined) return null;
  const marks = [code === undefined ? null : `HTTP ${code}`, type ?? null].filter((m) => m !== null);
  return `retryable API error (${marks.join(', ')})`;
}
