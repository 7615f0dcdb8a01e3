import { constants } from 'node:fs';
import { type FileHandle, mkdir, open, unlink } from 'node:fs/promises';
import type { Limits } from '../agents/index.js';
import type { RunnerUsage, ToolCallSeen } from '../runners/index.js';
import { keepHead, type Secret } from '../secrets/index.js';
import { errorMessage } from '../shared/index.js';
import { LIVE_INPUT_CHARS, LIVE_MAX_BYTES, type LiveEvent, type LiveType } from './live-format.js';
import type { WatchSnapshot } from './watch.js';

/**
 * Writes run/<agent>.live.jsonl while a run goes (format: live-format.ts).
 * The run comes first: a write never waits for the disk (lines go out on one
 * chain in the background), never throws (the first error — a full disk, a
 * removed folder — stops the writing and is reported once through `onNote`),
 * and a disk slower than the run loses lines rather than holding them all in
 * memory. The file is removed by close(), or by the run once its record
 * has landed (run-agent.ts), whatever happened.
 */
export interface LiveStart {
  runId: string;
  runner: string;
  model: string | null;
  limits: Limits;
  secrets: readonly Secret[];
  onNote?: (message: string) => void;
}

/** Lines waiting for the disk beyond this are dropped (and counted in the next note). */
const MAX_QUEUED = 256;

export class LiveFeed {
  private chain: Promise<void> = Promise.resolve();
  private queued = 0;
  private bytes = 0;
  private dead = false;
  private full = false;
  /** a write failed: said once, nothing more is written */
  private failed = false;
  private calls = 0;
  private tools = 0;
  /** inputs reported by the runner (events.tool) and not yet matched to a counted tool call */
  private inputs: ToolCallSeen[] = [];

  private constructor(
    private readonly file: string,
    private readonly handle: FileHandle | null,
    private readonly start: LiveStart,
  ) {
    if (!handle) this.dead = true;
  }

  /** Opens (and truncates: a crashed run's leftover is not this run's) the file; a feed that writes nothing if it cannot. */
  static async open(file: string, dir: string, start: LiveStart): Promise<LiveFeed> {
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await unlink(file).catch(() => undefined);
      const flags =
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_APPEND | constants.O_NOFOLLOW;
      return new LiveFeed(file, await open(file, flags, 0o600), start);
    } catch (error) {
      start.onNote?.(
        `the live view of this run is off: cannot write ${file}: ${errorMessage(error)} (the run goes on)`,
      );
      return new LiveFeed(file, null, start);
    }
  }

  begin(snapshot: WatchSnapshot): void {
    const { limits } = this.start;
    this.write('start', snapshot, {
      run_id: this.start.runId,
      runner: this.start.runner,
      ...(this.start.model ? { model: this.start.model } : {}),
      limits: {
        time_ms: limits.time,
        calls: limits.calls,
        tool_calls: limits.tool_calls,
        cost_usd: limits.cost_usd,
        output_bytes: limits.output_bytes,
      },
    });
  }

  /** A tool call's input, as the runner saw it; written when the usage that counts it arrives. */
  tool(call: ToolCallSeen): void {
    if (this.dead) return;
    if (this.inputs.length < MAX_QUEUED) this.inputs.push(call);
  }

  /** After each change the watch sees: a line per new model call and per new tool call, nothing otherwise (cheap). */
  observe(usage: RunnerUsage, snapshot: () => WatchSnapshot): void {
    if (this.dead) return;
    if (usage.llmCalls <= this.calls && usage.toolCalls.length <= this.tools) return;
    const now = snapshot();
    while (this.calls < usage.llmCalls) {
      this.calls += 1;
      this.write('model', now, {
        n: this.calls,
        ...(usage.pricedModel ? { model: usage.pricedModel } : {}),
        tokens: { ...usage.tokens },
      });
    }
    while (this.tools < usage.toolCalls.length) {
      const name = usage.toolCalls[this.tools] ?? 'unknown';
      this.tools += 1;
      const seen = this.inputs[0]?.name === name ? this.inputs.shift() : undefined;
      this.write('tool', now, {
        n: this.tools,
        tool: name,
        ...(seen ? { input: this.inputText(seen.input) } : {}),
      });
    }
  }

  progress(snapshot: WatchSnapshot): void {
    this.write('progress', snapshot, {});
  }

  /** Waits for the lines in flight and closes the file; removes it too unless told to keep it. Never throws. */
  async close(options: { remove?: boolean } = {}): Promise<void> {
    this.dead = true;
    await this.chain;
    await this.handle?.close().catch(() => undefined);
    if (this.handle && options.remove !== false) await unlink(this.file).catch(() => undefined);
  }

  /** One line: redacted and cut before it leaves, never a control character (JSON escapes them). */
  private inputText(input: unknown): string {
    let text: string;
    try {
      text = typeof input === 'string' ? input : (JSON.stringify(input) ?? String(input));
    } catch {
      text = '[an input that cannot be shown]';
    }
    return keepHead(text.replace(/\s+/g, ' '), LIVE_INPUT_CHARS, this.start.secrets);
  }

  private write(type: LiveType, s: WatchSnapshot, extra: Partial<LiveEvent>): void {
    if (this.dead || !this.handle) return;
    if (this.queued >= MAX_QUEUED) return;
    const line: LiveEvent = {
      type,
      at: new Date().toISOString(),
      elapsed_ms: Math.max(0, Math.floor(s.elapsedMs)),
      calls: s.calls,
      tool_calls: s.toolCalls,
      cost_usd: s.costUsd,
      output_bytes: s.outputBytes,
      ...extra,
    };
    let text = `${JSON.stringify(line)}\n`;
    if (this.bytes + text.length > LIVE_MAX_BYTES) {
      if (this.full) return;
      this.full = true;
      text = `${JSON.stringify({ ...line, type: 'note', note: 'the live file is full: later events are not shown (the run goes on)' })}\n`;
    }
    this.bytes += text.length;
    const handle = this.handle;
    this.queued += 1;
    this.chain = this.chain
      .then(() => handle.write(text))
      .then(
        () => {
          this.queued -= 1;
        },
        (error: unknown) => {
          this.queued -= 1;
          if (this.failed) return;
          this.failed = true;
          this.dead = true;
          this.start.onNote?.(
            `the live view of this run stopped: cannot write ${this.file}: ${errorMessage(error)} (the run goes on)`,
          );
        },
      );
  }
}

/** Removes a live file left behind (a harness that died, an error past the runner); never throws. */
export async function removeLiveFile(file: string): Promise<void> {
  await unlink(file).catch(() => undefined);
}
