import type { AlertEvent } from '../../journal/index.js';
import type { Secret } from '../../secrets/index.js';

/** Somewhere an alert event goes besides logs/alerts.jsonl. `send` throws on failure, with the reason. */
export interface Channel {
  /** "command", "webhook": also the key of its channel_failed alert */
  name: string;
  send(event: AlertEvent, text: string): Promise<void>;
}

export class ChannelError extends Error {
  constructor(
    readonly channel: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ChannelError';
  }
}

/** What a channel is made with besides its own setting. */
export interface ChannelOptions {
  /** where a command channel runs, and its environment */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** redacted from what a channel says about its failure (a command's stderr, a webhook's answer) before it is cut */
  secrets?: readonly Secret[];
}
