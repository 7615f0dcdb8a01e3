import type { Home } from '../home/index.js';
import type { AlertEvent, RunRecord } from '../journal/index.js';

/**
 * A run's OTLP export (README "Central logs: OpenTelemetry"), in step with the
 * run: the OpenTelemetry code loads while the agent works; the record is sent
 * as soon as it is written, while the after-run hooks evaluate the alert
 * rules; the alert events they record follow in a second send, when there
 * are any. The run waits for it only after its summary is printed, and never
 * fails by it: what goes wrong comes back as warnings. Nothing of this loads
 * OpenTelemetry unless export is configured.
 */
export class RunExport {
  private alerts: AlertEvent[] = [];
  private sending: Promise<string[]> | null = null;
  private home: Home | null = null;

  /** The run holds its lock and its runner starts next. */
  started(home: Home): void {
    this.home = home;
    import('../telemetry/index.js').then((telemetry) => telemetry.warmOtlpExport(home)).catch(() => undefined);
  }

  /** Alert events a hook recorded. */
  noteAlerts(events: readonly AlertEvent[]): void {
    this.alerts.push(...events);
  }

  /** The record is in the journal: send it, with the alert events so far (each attempt of a retried run in turn). */
  recorded(home: Home, record: RunRecord): void {
    this.home = home;
    const earlier = this.sending;
    const sent = send(home, { runs: [record], alerts: this.alerts.splice(0) });
    this.sending = earlier ? Promise.all([earlier, sent]).then((both) => both.flat()) : sent;
  }

  /** After the summary: the send's end, and the alert events recorded since. */
  async finish(): Promise<string[]> {
    const warnings = this.sending ? await this.sending : [];
    if (this.home && this.alerts.length > 0)
      warnings.push(...(await send(this.home, { alerts: this.alerts.splice(0) })));
    return warnings;
  }
}

async function send(home: Home, fresh: { runs?: RunRecord[]; alerts?: AlertEvent[] }): Promise<string[]> {
  try {
    const telemetry = await import('../telemetry/index.js');
    if (!telemetry.otlpConfigured(home)) return [];
    return (await telemetry.exportRecords(home, fresh)).warnings;
  } catch (error) {
    return [`OTLP export failed: ${error instanceof Error ? error.message : String(error)} (the run stands)`];
  }
}
