/**
 * The name of a webhook body in inputs/<agent>/: the UTC second it was
 * accepted and the run id it was given, `20261207T031500Z-<uuid>.body`. The
 * daemon writes it; prune reads the stamp back as the body's age, and touches
 * nothing in inputs/ not named like this.
 */
const INPUT_NAME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-([0-9a-f-]{36})\.body$/;

export function inputFileName(at: Date, runId: string): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${runId}.body`;
}

/** When the body was accepted, or null for a name the daemon does not give. */
export function inputAcceptedAt(name: string): Date | null {
  const m = INPUT_NAME.exec(name);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2026-02-31 over into March: such a name was not written by the daemon
  return at.getUTCMonth() === month - 1 && at.getUTCDate() === day && at.getUTCHours() === hour ? at : null;
}
