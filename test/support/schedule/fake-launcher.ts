import type { FireKind, LaunchedRun, Launcher } from '../../../src/daemon/launcher.js';

/** Records what the daemon would start, without starting anything. */
export class FakeLauncher implements Launcher {
  readonly launched: Array<{ agent: string; trigger: FireKind; args?: readonly string[] }> = [];
  readonly busy = new Set<string>();

  launch(agent: string, trigger: FireKind, options: { args?: readonly string[] } = {}): LaunchedRun | 'busy' {
    if (this.busy.has(agent)) return 'busy';
    this.launched.push({ agent, trigger, ...(options.args ? { args: options.args } : {}) });
    return { agent, trigger, pid: 0, startedAt: Date.now() };
  }

  alive(agent: string): boolean {
    return this.busy.has(agent);
  }
}
