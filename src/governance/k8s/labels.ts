/**
 * Label values: at most 63 characters of letters, digits, "-", "_" and ".",
 * starting and ending with a letter or digit (or empty). An owner is free text
 * ("Jo Smith <jo@example.com>"): its label is a cleaned copy, and the exact
 * text goes in an annotation, which takes any string.
 */
export const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const LABEL_VALUE_MAX = 63;

export function labelValue(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_.-]+/g, '-');
  return trimEnds(trimEnds(cleaned).slice(0, LABEL_VALUE_MAX));
}

function trimEnds(text: string): string {
  return text.replace(/^[^A-Za-z0-9]+/, '').replace(/[^A-Za-z0-9]+$/, '');
}
