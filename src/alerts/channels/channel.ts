import type { AlertEvent } from '../../journal/index.js';

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
