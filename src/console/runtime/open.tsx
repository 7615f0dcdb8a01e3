import { type Instance, render } from 'ink';
import type { FleetSnapshot } from '../../fleet/index.js';
import { type Home, openHome } from '../../home/index.js';
import type { RunTrail } from '../../journal/index.js';
import { App } from '../app.js';
import { initialState } from '../state.js';
import { createStore, type Store } from '../store.js';
import { createEffectRunner } from './effects.js';
import { memoryGuard } from './memory.js';
import { alternateScreen, anchorFrames, guardExit } from './terminal.js';
import { watchHome } from './watch.js';

/**
 * `nightshift console`: opens the home, enters the alternate screen, draws
 * the console with Ink and keeps it live until q. Ink is mounted again after
 * $EDITOR; the store (all UI state) lives outside it, so nothing is lost.
 */
export interface ConsoleOptions {
  /** the home: a path (or none: $NIGHTSHIFT_HOME, ~/.bot-infrastructure), or one already opened */
  home?: string | Home;
  /** a fleet load already under way (the CLI starts it while Ink is still loading) */
  firstLoad?: Promise<{ snapshot: FleetSnapshot; trail: RunTrail }>;
  readonly?: boolean;
  /** absolute path of bin/nightshift.js, for `r` (run now) */
  binPath: string;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  env?: NodeJS.ProcessEnv;
}

/** Relative times and elapsed counters move every second; a reload catches what no file change announces. */
export const TICK_MS = 1000;
export const RELOAD_IDLE_MS = 15_000;
export const RELOAD_BUSY_MS = 2_000;
/** A home shared by several hosts: fs.watch sees no other host's writes on a network file system, so look more often. */
export const RELOAD_SHARED_MS = 5_000;

/** How long the first frame waits for the fleet before it shows "reading the fleet…" instead. */
export const FIRST_FRAME_WAIT_MS = 500;

function untilLoaded(store: Store, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const loaded = (): boolean => store.getState().snapshot !== null || store.getState().loadError !== null;
    if (loaded()) return resolve();
    const timer = setTimeout(finish, ms);
    const unsubscribe = store.subscribe(() => loaded() && finish());
    function finish(): void {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}

export async function openConsole(options: ConsoleOptions): Promise<number> {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const home = typeof options.home === 'object' ? options.home : await openHome(options.home, env);

  let instance: Instance | undefined;
  let quit!: () => void;
  const done = new Promise<void>((resolve) => (quit = resolve));
  const screen = alternateScreen(stdout);

  // only on the alternate screen is the frame anchored at the top-left (see anchorFrames)
  const inkStdout = stdout.isTTY ? anchorFrames(stdout) : stdout;
  const mount = (): Instance =>
    render(<App store={store} />, {
      stdout: inkStdout,
      stdin,
      exitOnCtrlC: false,
      patchConsole: false,
      incrementalRendering: true,
      maxFps: 60,
    });

  /** unmounts Ink and leaves the alternate screen: for $EDITOR, and at the end */
  const takeDown = async (): Promise<void> => {
    const current = instance;
    instance = undefined;
    if (current) {
      current.unmount();
      await current.waitUntilExit().catch(() => undefined);
    }
    screen.leave();
  };

  const suspend = async (work: () => void): Promise<void> => {
    await takeDown();
    try {
      work();
    } finally {
      screen.enter();
      instance = mount();
    }
  };

  const runner = createEffectRunner({
    home,
    binPath: options.binPath,
    getState: () => store.getState(),
    now: () => new Date(),
    suspend,
    quit: () => quit(),
    env,
    firstLoad: options.firstLoad,
  });
  const store = createStore(
    initialState({
      now: Date.now(),
      cols: stdout.columns || 80,
      rows: stdout.rows || 24,
      readonly: Boolean(options.readonly),
      noColor: env.NO_COLOR !== undefined && env.NO_COLOR !== '',
      home: home.root,
      configProblem: home.configProblem ?? null,
      seed: (Date.now() ^ (process.pid << 16)) >>> 0,
    }),
    runner,
  );

  screen.enter();
  const unguard = guardExit(() => screen.leave());
  const unwatch = watchHome(home.paths, () => store.dispatch({ type: 'refresh' }));
  let sinceReload = 0;
  const idleReload = home.paths.journalHost === null ? RELOAD_IDLE_MS : RELOAD_SHARED_MS;
  // first checked at the first tick, after the first frame
  const guardMemory = memoryGuard();
  const timer = setInterval(() => {
    guardMemory();
    store.dispatch({ type: 'tick', now: Date.now() });
    sinceReload += TICK_MS;
    const state = store.getState();
    const busy = (state.snapshot?.totals.running ?? 0) > 0 || Object.keys(state.starting).length > 0;
    if (sinceReload >= (busy ? RELOAD_BUSY_MS : idleReload)) {
      sinceReload = 0;
      store.dispatch({ type: 'refresh' });
    }
  }, TICK_MS);

  try {
    store.drain();
    // the first frame should be the fleet, not "reading…": a cold frame costs as much as the wait it saves
    await untilLoaded(store, FIRST_FRAME_WAIT_MS);
    instance = mount();
    await done;
  } finally {
    clearInterval(timer);
    unwatch();
    await takeDown();
    unguard();
  }
  return 0;
}
