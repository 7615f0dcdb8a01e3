import type { AgentFault } from '../agents/index.js';
import type { DaemonLog } from './log.js';

/**
 * The daemon's per-agent problems (a schedule that cannot be read, a rule
 * that threw in the watchdog, a catch-up that failed), each said once: when
 * it appears or its message changes, and once more when it is over. The
 * watchdog runs every minute; a problem that did not change is not logged
 * again, and the agent's neighbours are never held up by it.
 */
export class FaultLog {
  /** by source (who found it), then agent and stage */
  private readonly current = new Map<string, Map<string, AgentFault>>();

  constructor(private readonly log: DaemonLog) {}

  report(source: string, fault: AgentFault): void {
    const found = this.of(source);
    const key = keyOf(fault);
    if (found.get(key)?.message === fault.message) return;
    found.set(key, fault);
    this.log.problem(`${fault.message} (the other agents are not affected)`);
  }

  /** `source`'s problems of `agent` (of one stage, if given) are over. */
  clear(source: string, agent: string, stage?: string): void {
    const found = this.of(source);
    for (const [key, fault] of [...found]) {
      if (fault.agent !== agent || (stage !== undefined && fault.stage !== stage)) continue;
      found.delete(key);
      this.log.info(`${agent}: its ${fault.stage} can be worked out again`);
    }
  }

  /** Everything `source` finds now: the new ones are said, the ones it no longer finds are over. */
  sync(source: string, faults: readonly AgentFault[]): void {
    const now = new Set(faults.map(keyOf));
    for (const fault of [...this.of(source).values()])
      if (!now.has(keyOf(fault))) this.clear(source, fault.agent, fault.stage);
    for (const fault of faults) this.report(source, fault);
  }

  /** An agent that is gone, invalid or given a new trigger: its problems (of one source, if given) are dropped, not reported as over. */
  forget(agent: string, source?: string): void {
    for (const [from, found] of this.current) {
      if (source !== undefined && from !== source) continue;
      for (const [key, fault] of [...found]) if (fault.agent === agent) found.delete(key);
    }
  }

  /** The problems now, by agent. */
  all(): AgentFault[] {
    return [...this.current.values()].flatMap((found) => [...found.values()]);
  }

  private of(source: string): Map<string, AgentFault> {
    let found = this.current.get(source);
    if (!found) this.current.set(source, (found = new Map()));
    return found;
  }
}

function keyOf(fault: AgentFault): string {
  return `${fault.agent}\n${fault.stage}`;
}
