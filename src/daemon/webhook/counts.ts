import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../../files/index.js';
import type { HomePaths } from '../../home/index.js';
import { errorMessage } from '../../shared/index.js';

/**
 * run/webhooks.json: how many requests each webhook agent's listener took
 * and refused, by reason, since the counts began. `status` and the console
 * read it; only the daemon writes it (whole, atomically, one write at a time).
 * Requests for names that are no webhook agent are counted under UNKNOWN,
 * never under the name asked for: a prober must not grow the file.
 */
export const REFUSAL_REASONS = [
  'bad_signature',
  'stale',
  'not_found',
  'too_large',
  'rate',
  'busy',
  'paused',
  'disabled',
  'stopped',
  'budget',
  'not_started',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The HTTP status each refusal is answered with (README "Webhook trigger"). */
export const REFUSAL_STATUS: Record<RefusalReason, number> = {
  bad_signature: 401,
  stale: 401,
  not_found: 404,
  too_large: 413,
  rate: 429,
  busy: 409,
  paused: 503,
  disabled: 503,
  stopped: 503,
  budget: 503,
  not_started: 500,
};

export const UNKNOWN_AGENT = '(unknown)';

export interface AgentHookCounts {
  accepted: number;
  refused: Partial<Record<RefusalReason, number>>;
  last_accepted_at: string | null;
  last_refused: { reason: RefusalReason; at: string } | null;
}

export interface WebhookCounts {
  v: 1;
  updated_at: string;
  agents: Record<string, AgentHookCounts>;
}

export function webhookCountsFile(paths: HomePaths): string {
  return join(paths.run, 'webhooks.json');
}

/** The counts as last written; none when no daemon has served a webhook yet. A file that does not read is said, not thrown. */
export async function readWebhookCounts(paths: HomePaths): Promise<WebhookCounts | null> {
  let text: string;
  try {
    text = await readFile(webhookCountsFile(paths), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as Partial<WebhookCounts>;
    if (parsed.v !== 1 || typeof parsed.agents !== 'object' || parsed.agents === null) return null;
    return parsed as WebhookCounts;
  } catch {
    return null;
  }
}

/** All refusals of one agent. */
export function refusedTotal(counts: AgentHookCounts): number {
  return Object.values(counts.refused).reduce((sum, n) => sum + (n ?? 0), 0);
}

/** "3 refused (2 bad signature, 1 rate)": one line for status and the console. */
export function describeRefusals(counts: AgentHookCounts): string {
  const parts = REFUSAL_REASONS.filter((reason) => (counts.refused[reason] ?? 0) > 0).map(
    (reason) => `${counts.refused[reason]} ${reason.replace('_', ' ')}`,
  );
  return `${counts.accepted} accepted, ${refusedTotal(counts)} refused${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** The lines `status` prints under the table: a heading, then one line per agent (the unknown names last). */
export function webhookLines(counts: WebhookCounts): string[] {
  const names = Object.keys(counts.agents).sort((a, b) => {
    if (a === UNKNOWN_AGENT) return 1;
    if (b === UNKNOWN_AGENT) return -1;
    return a.localeCompare(b);
  });
  return [
    'webhooks (since the counts began; run/webhooks.json):',
    ...names.map((name) => `  ${name}: ${describeRefusals(counts.agents[name] as AgentHookCounts)}`),
  ];
}

/** The daemon's side: counts in memory, written after each change; a write in flight is followed by one more, never overlapped. */
export class WebhookCounter {
  private counts: WebhookCounts | null = null;
  private writing: Promise<void> | null = null;
  private dirty = false;

  constructor(
    private readonly paths: HomePaths,
    private readonly problem: (message: string) => void,
  ) {}

  async load(): Promise<void> {
    this.counts = (await readWebhookCounts(this.paths)) ?? { v: 1, updated_at: new Date(0).toISOString(), agents: {} };
  }

  accepted(agent: string, at: Date): void {
    const entry = this.entry(agent);
    entry.accepted += 1;
    entry.last_accepted_at = at.toISOString();
    this.changed(at);
  }

  refused(agent: string, reason: RefusalReason, at: Date): void {
    const entry = this.entry(agent);
    entry.refused[reason] = (entry.refused[reason] ?? 0) + 1;
    entry.last_refused = { reason, at: at.toISOString() };
    this.changed(at);
  }

  /** Resolves when what was counted so far is on disk (tests, and the daemon's stop). */
  async flushed(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private entry(agent: string): AgentHookCounts {
    this.counts ??= { v: 1, updated_at: new Date(0).toISOString(), agents: {} };
    const agents = this.counts.agents;
    agents[agent] ??= { accepted: 0, refused: {}, last_accepted_at: null, last_refused: null };
    return agents[agent];
  }

  private changed(at: Date): void {
    if (this.counts) this.counts.updated_at = at.toISOString();
    this.dirty = true;
    if (!this.writing) this.writing = this.writeLoop();
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        const text = `${JSON.stringify(this.counts, null, 2)}\n`;
        await writeFileAtomically(webhookCountsFile(this.paths), text, { mode: 0o600 }).catch((error) =>
          this.problem(`could not write ${webhookCountsFile(this.paths)}: ${errorMessage(error)}`),
        );
      }
    } finally {
      this.writing = null;
    }
  }
}
