/**
 * US dollars: how amounts are rounded to be stored, and how they are written
 * for people. Every cost in nightshift passes through here, so a sum, a
 * record and a report agree to the last digit they keep.
 */

/**
 * To the micro-dollar (6 decimals): what run records, locks, limits, sums
 * and reports keep. A token costs a few micro-dollars at the most, so
 * nothing a run spends is lost, and no 0.007080000000000001 is written.
 */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}

/**
 * To 10 decimals: a runner's running total while it prices tokens one turn
 * at a time, fine enough for a fraction of a token; the record rounds it
 * with roundUsd when the run ends.
 */
export function roundTokenUsd(usd: number): number {
  return Math.round(usd * 1e10) / 1e10;
}

/** To the cent: an estimate (a projection) that claims no more than cents. */
export function roundCents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

/** For tables and headers: $0.012, $0.60, $3.10, $142 — cents matter for small agents, not for big sums. */
export function usd(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  if (amount === 0) return '$0';
  // at least the cents ("$0.60", never "$0.6"), and a tenth or hundredth of a cent where the amount has one
  if (amount < 0.995) return `$${amount.toFixed(amount < 0.01 ? 4 : 3).replace(/(\.\d\d\d*?)0+$/, '$1')}`;
  if (amount < 100) return `$${amount.toFixed(2)}`;
  return `$${Math.round(amount)}`;
}

/** For a budget or limit a person set: "$40" for whole dollars (no ".00" beside a spend), else as usd() writes it. */
export function usdSet(amount: number | null | undefined): string {
  if (amount !== null && amount !== undefined && amount >= 1 && Number.isInteger(amount)) return `$${amount}`;
  return usd(amount);
}

/** For sentences about money spent (alerts, refusals): always dollars and cents, "$3.10". */
export function usdCents(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

/** For sentences comparing small amounts (the cost anomaly): cents, or a tenth of a cent under $0.10, "$0.097". */
export function usdFine(amount: number): string {
  return amount < 0.1 ? `$${amount.toFixed(3)}` : usdCents(amount);
}
