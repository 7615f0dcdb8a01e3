/**
 * Orders strings by their UTF-16 code units, the order `Array.prototype.sort`
 * uses by default: the same on every machine, whatever its locale (unlike
 * `localeCompare`), which is what file lists, canonical JSON and committed
 * fixtures need.
 */
export function byCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
