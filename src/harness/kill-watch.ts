import type { HomePaths } from '../home/index.js';
import { answerKillMarker, type KillMarker, readKillMarker } from './kill.js';

/** How often a run looks for a kill marker. */
export const KILL_POLL_MS = 200;

/**
 * A run's ear for `nightshift kill`, open from the moment the run holds its
 * lock until it lets go of it. It looks for run/<name>.kill naming this run,
 * answers it (its pid in the marker's `seen_by`: the killer then knows a
 * nightshift harness heard it, not merely that some process holds the pid
 * the lock names), and tells the listeners once.
 */
export class KillWatch {
  private heard: KillMarker | null = null;
  private readonly listeners: Array<(marker: KillMarker) => void> = [];
  private readonly timer: NodeJS.Timeout;
  /** the look in flight: a later look waits for it, then reads again, so a look asked for after a kill sees it */
  private inflight: Promise<KillMarker | null> | null = null;

  constructor(
    private readonly paths: HomePaths,
    private readonly agent: string,
    private readonly runId: string,
    everyMs = KILL_POLL_MS,
  ) {
    this.timer = setInterval(() => void this.look(), everyMs);
    this.timer.unref();
  }

  /** The kill asked for this run, if one was heard. */
  get marker(): KillMarker | null {
    return this.heard;
  }

  /** Called once with the marker when a kill is heard (at once if it already was). */
  onKill(listener: (marker: KillMarker) => void): void {
    if (this.heard) listener(this.heard);
    else this.listeners.push(listener);
  }

  /**
   * Looks now; answers every marker not answered yet (a second killer waits
   * for its own answer). A look already in flight may have read before the
   * marker was written, so this one waits for it and then reads afresh: the
   * harness's last look after its runner ended must see a kill that ended it.
   */
  async look(): Promise<KillMarker | null> {
    while (this.inflight) await this.inflight.catch(() => null);
    const current = this.readAndAnswer();
    this.inflight = current;
    try {
      return await current;
    } finally {
      if (this.inflight === current) this.inflight = null;
    }
  }

  private async readAndAnswer(): Promise<KillMarker | null> {
    const marker = await readKillMarker(this.paths, this.agent, this.runId);
    if (!marker) return this.heard;
    if (marker.seen_by !== process.pid) await answerKillMarker(this.paths, this.agent, marker).catch(() => undefined);
    if (!this.heard) {
      this.heard = marker;
      for (const listener of this.listeners.splice(0)) listener(marker);
    }
    return marker;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
