import { type FSWatcher, watch } from 'node:fs';
import { basename } from 'node:path';
import type { HomePaths } from '../../home/index.js';

/**
 * Live updates: fs.watch on logs/, run/, agents/ and the home itself (for
 * state.json), debounced, so a burst of writes (a run appending its record,
 * releasing its lock, raising an alert) becomes one reload. Dot-files are
 * ignored: they are temp files and the trail's own index under logs/.index,
 * whose writes would otherwise wake the console after every reload.
 */
export const DEBOUNCE_MS = 100;

export function watchHome(paths: HomePaths, onChange: () => void, debounceMs = DEBOUNCE_MS): () => void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  const watchers = new Map<string, FSWatcher>();
  const folders = [paths.logs, paths.run, paths.agents];
  const arm = (dir: string, accept: (name: string) => boolean): void => {
    if (watchers.has(dir)) return;
    try {
      const watcher = watch(dir, { persistent: false }, (_event, filename) => {
        const name = filename ? basename(filename.toString()) : '';
        if (name.startsWith('.') || !accept(name)) return;
        schedule();
      });
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(dir);
      });
      watchers.set(dir, watcher);
    } catch {
      // the folder does not exist yet: the home watcher arms it when it appears
    }
  };
  // a run's live file (run/<agent>.live.jsonl) grows every second: the live view tails it, the fleet need not reload
  const armFolders = (): void => {
    for (const dir of folders) arm(dir, (name) => !name.endsWith('.live.jsonl'));
  };
  const folderNames = new Set(folders.map((dir) => basename(dir)));
  arm(paths.root, (name) => {
    if (folderNames.has(name)) armFolders();
    return name === basename(paths.state) || folderNames.has(name);
  });
  armFolders();
  return () => {
    if (timer) clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}
