/**
 * A runbook names its agent's trigger ("**Trigger:** every day at 23:00 …").
 * After a schedule change that line would lie, so it follows — and only that
 * line: the rest of the runbook is the owner's.
 */
const TRIGGER_LINE = /^(\*\*Trigger:\*\*[ \t]*)(.*?)(\r?)$/gm;

/** Pure: the runbook with its one trigger line replaced; null when it has none or several. */
export function updateRunbookTrigger(runbook: string, trigger: string): string | null {
  const matches = [...runbook.matchAll(TRIGGER_LINE)];
  if (matches.length !== 1) return null;
  const next = runbook.replace(
    TRIGGER_LINE,
    (_line, label: string, _old: string, cr: string) => `${label}${trigger}${cr}`,
  );
  return next === runbook ? null : next;
}
