/**
 * nightshift's own styling: the few SGR colour sequences src/cli/style.ts
 * paints with. They live here, below every room that prints, so that
 * visible() can tell them from the same bytes in foreign text.
 */
export const SGR_CODES = {
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  gray: 90,
  bold: 1,
  dim: 2,
} as const;
export type SgrColor = keyof typeof SGR_CODES;

/** The code that ends a colour: 22 ends bold and dim, 39 a colour. */
export function sgrReset(color: SgrColor): number {
  return color === 'bold' || color === 'dim' ? 22 : 39;
}

export function sgr(code: number): string {
  return `\x1b[${code}m`;
}

const OWN_CODES = [...new Set([...Object.values(SGR_CODES), 22, 39])].sort((a, b) => b - a);
/** A regex source matching exactly one of nightshift's own SGR sequences. */
export const OWN_SGR_SOURCE = `\\x1b\\[(?:${OWN_CODES.join('|')})m`;
