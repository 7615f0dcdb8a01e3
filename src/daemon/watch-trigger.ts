import { type FSWatcher, watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Clock } from './clock.js';
import type { WatchTarget } from './glob.js';

/**
 * A `watch` trigger: fires `debounce` after the last change to a path that
 * matches. fs.watch needs a folder that exists, so it watches the nearest
 * existing one on the way to the target and moves down as the missing
 * folders appear (and back up if they vanish); files already in a folder it
 * moves into are new, so they count as a change.
 */
export interface WatchTriggerOptions {
  debounceMs: number;
  clock: Clock;
  onFire: (paths: string[]) => void;
  onError: (message: string) => void;
}

export class WatchTrigger {
  private watcher: FSWatcher | null = null;
  private watching: string | null = null;
  private reached = false;
  private debounce: unknown = null;
  private pending = new Set<string>();
  private stopped = false;
  private rearming: Promise<void> = Promise.resolve();

  constructor(
    readonly target: WatchTarget,
    private readonly options: WatchTriggerOptions,
  ) {}

  async start(): Promise<void> {
    await this.rearm();
  }

  /** Which folder is watched now (for logs and tests). */
  get watchedFolder(): string | null {
    return this.watching;
  }

  stop(): void {
    this.stopped = true;
    this.watcher?.close();
    this.watcher = null;
    if (this.debounce !== null) this.options.clock.clearTimeout(this.debounce);
    this.debounce = null;
  }

  private rearm(): Promise<void> {
    this.rearming = this.rearming
      .then(() => this.rearmNow())
      .catch((error) => this.options.onError(`watch ${this.target.pattern}: ${(error as Error).message}`));
    return this.rearming;
  }

  private async rearmNow(): Promise<void> {
    if (this.stopped) return;
    const { folder, recursive, reached } = await this.folderToWatch();
    if (folder === this.watching) return;
    const descended = this.watching !== null && folder.startsWith(this.watching) && folder !== this.watching;
    this.watcher?.close();
    this.watcher = null;
    this.watching = folder;
    this.reached = reached;
    try {
      const watcher = watch(folder, { recursive, persistent: true }, (event, name) =>
        this.onEvent(folder, event, name),
      );
      watcher.on('error', () => {
        // the folder went away: climb to the nearest one that is still there
        if (this.watching === folder) this.watching = null;
        void this.rearm();
      });
      this.watcher = watcher;
    } catch (error) {
      this.watching = null;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        await this.rearmNow();
        return;
      }
      throw error;
    }
    if (reached && descended) await this.noticeExisting(folder, recursive);
    // a folder made between the look and the watch would go unseen: look once more
    if (!reached) void this.rearm();
  }

  /** The target folder if it exists, else its nearest existing ancestor (watched flat: only the next folder's arrival matters). */
  private async folderToWatch(): Promise<{ folder: string; recursive: boolean; reached: boolean }> {
    const { target } = this;
    if (target.literal && (await isDirectory(target.pattern)))
      return { folder: target.pattern, recursive: true, reached: true };
    let folder = target.base;
    for (;;) {
      if (await isDirectory(folder))
        return {
          folder,
          recursive: folder === target.base ? target.recursive : false,
          reached: folder === target.base,
        };
      const parent = dirname(folder);
      if (parent === folder) return { folder, recursive: false, reached: false };
      folder = parent;
    }
  }

  private onEvent(folder: string, event: string, name: string | Buffer | null): void {
    if (this.stopped || folder !== this.watching) return;
    // a rename may be a folder on the path appearing, or the watched one vanishing
    if (event === 'rename' || !this.reached) void this.rearm();
    if (!this.reached) return;
    if (name === null) {
      this.change(folder);
      return;
    }
    const path = join(folder, name.toString());
    if (this.target.matches(path)) this.change(path);
  }

  /** Entries already in a folder just arrived at were made after the watch began. */
  private async noticeExisting(folder: string, recursive: boolean): Promise<void> {
    const entries = await readdir(folder, { recursive }).catch(() => [] as string[]);
    for (const entry of entries) {
      const path = join(folder, entry);
      if (this.target.matches(path)) this.change(path);
    }
  }

  private change(path: string): void {
    this.pending.add(path);
    if (this.debounce !== null) this.options.clock.clearTimeout(this.debounce);
    this.debounce = this.options.clock.setTimeout(() => {
      this.debounce = null;
      const paths = [...this.pending];
      this.pending.clear();
      if (!this.stopped) this.options.onFire(paths);
    }, this.options.debounceMs);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
