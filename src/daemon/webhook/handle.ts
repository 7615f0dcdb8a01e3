import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentDefinition, Rate } from '../../agents/index.js';
import { inputFileName } from '../../home/index.js';
import { type AuthRequest, authenticate } from './sign.js';
import { REFUSAL_STATUS, type RefusalReason, UNKNOWN_AGENT, type WebhookCounter } from './counts.js';
import { RateWindows } from './rate-window.js';

/**
 * What a webhook request gets, decided in this order (README "Webhook
 * trigger"): 404 no such webhook agent, 413 body over max_bytes, 401 not
 * signed with the secret (or older than the replay window), 503 paused,
 * disabled, the global stop or the budget, 429 over the rate, 409 a run of
 * the agent in flight, else 202 and the run started. A refusal starts nothing
 * and writes no run record; each is counted (counts.ts).
 */
export interface HookAnswer {
  status: number;
  body: Record<string, unknown>;
  retryAfter?: number;
}

type WebhookTrigger = Extract<AgentDefinition['trigger'], { kind: 'webhook' }>;
type WebhookAgent = AgentDefinition & { trigger: WebhookTrigger };

export function isWebhookAgent(agent: AgentDefinition): agent is WebhookAgent {
  return agent.trigger?.kind === 'webhook';
}

/** The harness's refusals that a webhook answers 503 to; anything else it might say is treated as the stop. */
const UNAVAILABLE = ['paused', 'disabled', 'stopped', 'budget'] as const;

/** What the handler needs of the daemon. */
export interface WebhookHost {
  /** the agent, when it is valid and has a webhook trigger now */
  webhookAgent(name: string): WebhookAgent | null;
  env: NodeJS.ProcessEnv;
  /** where bodies are kept: inputs/<agent>/ under the home */
  inputsDir(name: string): string;
  /** paused, disabled, stopped or budget, as the harness would refuse a run now */
  refusal(agent: AgentDefinition): Promise<string | null>;
  /** a run of the agent holds its lock (whoever started it) */
  lockHeld(name: string): Promise<boolean>;
  /** a run this daemon started is still going (known at once, without a look at the disk) */
  launched(name: string): boolean;
  /** starts `nightshift run <name> --trigger webhook --input <file> --run-id <id>` */
  launch(name: string, inputPath: string, runId: string): { pid: number } | { error: string };
  now(): number;
  info(message: string): void;
  problem(message: string): void;
}

export class WebhookHandler {
  private readonly rates = new RateWindows();
  /** agents whose request passed every check and whose run is being started: the one-at-a-time gate */
  private readonly starting = new Set<string>();
  private readonly missingSecret = new Set<string>();

  constructor(
    private readonly host: WebhookHost,
    private readonly counter: WebhookCounter,
  ) {}

  maxBytes(name: string): number | null {
    return this.host.webhookAgent(name)?.trigger.maxBytes ?? null;
  }

  countUnknown(): void {
    this.counter.refused(UNKNOWN_AGENT, 'not_found', new Date(this.host.now()));
  }

  tooLarge(name: string): HookAnswer {
    const limit = this.maxBytes(name);
    return this.refuse(name, 'too_large', `the body is over max_bytes (${limit} bytes)`);
  }

  problem(message: string): void {
    this.host.problem(message);
  }

  async handle(name: string, request: AuthRequest): Promise<HookAnswer> {
    const agent = this.host.webhookAgent(name);
    if (!agent) {
      this.countUnknown();
      return { status: 404, body: { error: 'not found' } };
    }
    const trigger = agent.trigger;
    const secret = this.host.env[trigger.secretEnv] ?? '';
    if (secret === '') {
      // said once, not per request: every request is refused until the variable is set and the daemon restarted
      if (!this.missingSecret.has(name))
        this.host.problem(
          `${name}: $${trigger.secretEnv} is not set in the daemon's environment: every webhook request is refused (401) until it is`,
        );
      this.missingSecret.add(name);
      return this.refuse(name, 'bad_signature', 'not signed with the secret');
    }
    const auth = authenticate(request, secret, this.host.now());
    if (!auth.ok)
      return this.refuse(
        name,
        auth.reason,
        auth.reason === 'stale' ? 'the timestamp is outside the 5-minute window' : 'not signed with the secret',
      );
    const refusal = await this.host.refusal(agent);
    if (refusal !== null) {
      const reason = UNAVAILABLE.find((word) => word === refusal) ?? 'stopped';
      return this.refuse(name, reason, `the agent cannot run now (${reason})`);
    }
    // over the rate is said before in flight: a sender told 429 knows waiting for the run to end will not help
    if (this.rates.full(name, trigger.rate, this.host.now())) return this.overRate(name, trigger.rate, this.host.now());
    if (this.starting.has(name) || this.host.launched(name) || (await this.host.lockHeld(name)))
      return this.refuse(name, 'busy', 'a run of this agent is in flight');
    // from here to the launch, nothing awaits before the gate is taken: two requests cannot both pass it
    const nowMs = this.host.now();
    if (this.rates.full(name, trigger.rate, nowMs)) return this.overRate(name, trigger.rate, nowMs);
    if (this.starting.has(name) || this.host.launched(name))
      return this.refuse(name, 'busy', 'a run of this agent is in flight');
    this.starting.add(name);
    try {
      return await this.start(agent, request.body, nowMs);
    } finally {
      this.starting.delete(name);
    }
  }

  private async start(agent: AgentDefinition, body: Buffer, nowMs: number): Promise<HookAnswer> {
    const name = agent.name;
    const runId = randomUUID();
    const dir = this.host.inputsDir(name);
    const file = join(dir, inputFileName(new Date(nowMs), runId));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // 0600 and never overwritten: the body is a stranger's bytes, kept for the record and readable by this user alone
    await writeFile(file, body, { mode: 0o600, flag: 'wx' });
    const launched = this.host.launch(name, file, runId);
    if ('error' in launched) {
      this.host.problem(`${name}: webhook accepted but the run could not be started: ${launched.error}`);
      return this.refuse(name, 'not_started', 'the run could not be started');
    }
    this.rates.take(name, nowMs);
    this.counter.accepted(name, new Date(nowMs));
    this.host.info(`${name}: started run ${runId} (webhook, ${body.length} bytes), pid ${launched.pid}`);
    return { status: 202, body: { run_id: runId, agent: name } };
  }

  private overRate(name: string, rate: Rate, nowMs: number): HookAnswer {
    const answer = this.refuse(name, 'rate', `over the rate of ${rate.count} per ${rate.windowMs / 1000}s`);
    return { ...answer, retryAfter: this.rates.retryAfterSeconds(name, rate, nowMs) };
  }

  private refuse(name: string, reason: RefusalReason, error: string): HookAnswer {
    this.counter.refused(name, reason, new Date(this.host.now()));
    return { status: REFUSAL_STATUS[reason], body: { error, reason } };
  }
}
