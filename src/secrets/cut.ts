import { redact, redactEdges } from './redact.js';
import { type SecretSource, secretList } from './secret-set.js';

/**
 * Every cut of a text from a run goes through these two (issue 12 §5): the
 * text is redacted first, so a whole secret is replaced before any cut can
 * fall inside it; the cut never splits a `[redacted:NAME]` marker; and what
 * the cut leaves at its edge is held to the edge rule (redactEdges), for
 * texts that were already cut before they got here. Pure.
 */
const MARKER_OPEN = '[redacted:';

/** The first `max` characters (fewer, to keep a marker whole), then `mark` when anything was cut. */
export function keepHead(text: string, max: number, source: SecretSource, mark = '…'): string {
  const secrets = secretList(source);
  const clean = redact(text, secrets);
  if (clean.length <= max) return clean;
  let cut = Math.max(0, max);
  const open = clean.lastIndexOf(MARKER_OPEN, cut - 1);
  if (open >= 0 && clean.indexOf(']', open) >= cut) cut = open;
  return `${redactEdges(clean.slice(0, cut), secrets, { end: true })}${mark}`;
}

/** `mark`, then the last `max` characters (fewer, to keep a marker whole), when anything was cut. */
export function keepTail(text: string, max: number, source: SecretSource, mark = '…'): string {
  const secrets = secretList(source);
  const clean = redact(text, secrets);
  if (clean.length <= max) return clean;
  let cut = clean.length - Math.max(0, max);
  const open = clean.lastIndexOf(MARKER_OPEN, cut);
  if (open >= 0 && open < cut) {
    const close = clean.indexOf(']', open);
    if (close >= cut) cut = close + 1;
  }
  return `${mark}${redactEdges(clean.slice(cut), secrets, { start: true })}`;
}
