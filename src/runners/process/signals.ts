/** process.kill that reports instead of throwing: a process that is already gone is not an error here. */
export function sendSignal(target: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(target, signal);
    return true;
  } catch {
    return false;
  }
}

export function groupExists(pgid: number): boolean {
  return pgid > 1 && sendSignal(-pgid, 0);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
