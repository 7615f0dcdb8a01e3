import type { AlertEvent } from '../../journal/index.js';
import { runBoundedCommand } from './bounded-command.js';
import { type Channel, ChannelError } from './channel.js';

/** `notify.command`: the alert event as JSON on stdin; exit 0 is delivered, anything else (or the timeout) is a failure. */
export function commandChannel(command: string | readonly string[], timeoutMs: number, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Channel {
  return {
    name: 'command',
    async send(event: AlertEvent, text: string) {
      const result = await runBoundedCommand({ command, timeoutMs, input: `${JSON.stringify({ ...event, text })}\n`, cwd: options.cwd, env: options.env });
      if (result.ok) return;
      const stderr = result.stderr.trim().split('\n').slice(-3).join(' | ');
      const why = result.spawnError
        ? `could not start: ${result.spawnError}`
        : result.timedOut
          ? `timed out after ${timeoutMs} ms (its process group was killed)`
          : `exited ${result.exitCode ?? result.signal}`;
      throw new ChannelError('command', `notify.command ${why}${stderr ? `: ${stderr}` : ''}`);
    },
  };
}
