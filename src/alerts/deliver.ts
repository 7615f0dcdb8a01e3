import { appendRecord, type AlertEvent } from '../journal/index.js';
import type { Secret } from '../secrets/index.js';
import type { Channel } from './channels/channel.js';
import { condition } from './conditions.js';
import { eventText } from './event-text.js';
import type { OpenAlert } from './open-alerts.js';
import { applyEvents } from './open-alerts.js';
import { type AlertQuiet, holdReason, NOTHING_QUIET } from './quiet.js';
import { reconcile } from './reconcile.js';
import { redactEvent } from './redact-event.js';

/**
 * Sends events and records them. Every channel is tried for every event (in
 * parallel: a slow webhook must not hold the others), and each record in
 * logs/alerts.jsonl says how each channel fared. A failing channel never
 * stops anything: it raises `channel_failed:<channel>`, sent through the
 * other channels only, and resolved by its next success. In a maintenance
 * window an event is recorded with why it was held, and sent nowhere.
 */
export interface DeliveryOptions {
  journal: string;
  channels: readonly Channel[];
  /** the open alerts before `events` */
  open: ReadonlyMap<string, OpenAlert>;
  now: Date;
  realertMs: number;
  secrets: readonly Secret[];
  /** acks and maintenance windows (state.json); absent: none */
  quiet?: AlertQuiet;
}

export interface Delivery {
  /** as recorded: primary events, then any channel_failed events */
  recorded: AlertEvent[];
  /** the open alerts after them */
  open: Map<string, OpenAlert>;
}

type Outcome = { channel: string; ok: boolean; error?: string };

export async function deliverEvents(events: readonly AlertEvent[], options: DeliveryOptions): Promise<Delivery> {
  const first = await sendAll(events, options.channels, options);
  const after = await reportChannelHealth(channelHealth(first), { ...options, open: applyEvents(options.open, first) });
  return { recorded: [...first, ...after.recorded], open: after.open };
}

/**
 * Opens, re-sends or resolves `channel_failed:<channel>` for the channels in
 * `health` (null: it worked), through every channel but the failing one.
 * Also used for the healthchecks pings made around a run.
 */
export async function reportChannelHealth(
  health: ReadonlyMap<string, string | null>,
  options: DeliveryOptions,
): Promise<Delivery> {
  const events = reconcile({
    open: options.open,
    conditions: [...health.entries()]
      .filter((entry): entry is [string, string] => entry[1] !== null)
      .map(([channel, failure]) =>
        condition(
          'channel_failed',
          `channel_failed:${channel}`,
          null,
          `alert channel ${channel} is failing: ${failure}`,
          { channel },
        ),
      ),
    // only channels used just now have news about their health
    inScope: (alert) => alert.rule === 'channel_failed' && health.has(alert.key.slice('channel_failed:'.length)),
    now: options.now,
    realertMs: options.realertMs,
    quiet: options.quiet,
  });
  const recorded: AlertEvent[] = [];
  for (const event of events) {
    const failing = event.key.slice('channel_failed:'.length);
    recorded.push(
      ...(await sendAll(
        [event],
        options.channels.filter((channel) => channel.name !== failing),
        options,
      )),
    );
  }
  return { recorded, open: applyEvents(options.open, recorded) };
}

async function sendAll(
  events: readonly AlertEvent[],
  channels: readonly Channel[],
  options: DeliveryOptions,
): Promise<AlertEvent[]> {
  const quiet = options.quiet ?? NOTHING_QUIET;
  const redacted = events.map((event) => redactEvent(event, options.secrets));
  const held = redacted.map((event) => holdReason(event, options.open, quiet));
  const outcomes = await Promise.all(
    // an update is recorded, not sent: the same problem, in its current words (reconcile.ts)
    redacted.map((event, i) =>
      held[i] === undefined && event.event !== 'update'
        ? Promise.all(channels.map((channel) => sendOne(channel, event)))
        : [],
    ),
  );
  const recorded = redacted.map((event, i) => {
    const reason = held[i];
    return redactEvent(
      reason === undefined ? { ...event, channels: outcomes[i] ?? [] } : { ...event, held: reason },
      options.secrets,
    );
  });
  for (const event of recorded) await appendRecord(options.journal, event);
  return recorded;
}

async function sendOne(channel: Channel, event: AlertEvent): Promise<Outcome> {
  try {
    await channel.send(event, eventText(event));
    return { channel: channel.name, ok: true };
  } catch (error) {
    return { channel: channel.name, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Per channel used: null when every send worked, else the first error. */
function channelHealth(recorded: readonly AlertEvent[]): Map<string, string | null> {
  const health = new Map<string, string | null>();
  for (const event of recorded) {
    for (const outcome of event.channels ?? []) {
      if (!health.has(outcome.channel)) health.set(outcome.channel, null);
      if (!outcome.ok && health.get(outcome.channel) === null) health.set(outcome.channel, outcome.error ?? 'failed');
    }
  }
  return health;
}
