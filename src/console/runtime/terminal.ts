/**
 * The alternate screen, entered by hand (Ink 6 has none) and always left: on
 * quit, on a crash, and on SIGTERM, SIGHUP or SIGINT. Only on a terminal; a
 * pipe gets no escape codes.
 */
export const ENTER_ALT = '\x1b[?1049h\x1b[H\x1b[2J';
export const LEAVE_ALT = '\x1b[?25h\x1b[?1049l';

export interface Screen {
  enter(): void;
  leave(): void;
  readonly active: boolean;
}

export function alternateScreen(stdout: NodeJS.WriteStream): Screen {
  let active = false;
  return {
    enter() {
      if (active || !stdout.isTTY) return;
      try {
        stdout.write(ENTER_ALT);
        active = true;
      } catch {
        // the terminal is gone: there is no screen to switch
      }
    },
    leave() {
      if (!active) return;
      active = false;
      try {
        stdout.write(LEAVE_ALT);
      } catch {
        // the terminal is gone (SIGHUP): nothing left to restore
      }
    },
    get active() {
      return active;
    },
  };
}

const SIGNALS = { SIGTERM: 15, SIGHUP: 1, SIGINT: 2 } as const;

/** Leaves the screen however the process ends; returns the function that removes these handlers. */
export function guardExit(leave: () => void, stderr: NodeJS.WriteStream = process.stderr): () => void {
  const onExit = (): void => leave();
  const onSignal = (signal: NodeJS.Signals): void => {
    leave();
    process.exit(128 + (SIGNALS[signal as keyof typeof SIGNALS] ?? 0));
  };
  const onCrash = (error: unknown): void => {
    leave();
    stderr.write(
      `nightshift console: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(70);
  };
  process.on('exit', onExit);
  for (const signal of Object.keys(SIGNALS)) process.on(signal, onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return () => {
    process.off('exit', onExit);
    for (const signal of Object.keys(SIGNALS)) process.off(signal, onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  };
}

const CURSOR_UP_AT_START = /^\x1b\[\d+A/;

/**
 * Ink 6.8's incremental renderer moves the cursor up one line too few before
 * redrawing a frame that ends in a newline (every frame shorter than the
 * terminal), so each update lands a line lower than the last. Our frame
 * always starts at the top-left of the alternate screen, so the stream Ink
 * writes to turns that leading "cursor up n" into "cursor home". Every other
 * write passes through untouched.
 */
export function anchorFrames(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  return new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') {
        return (chunk: unknown, ...rest: unknown[]) =>
          (target.write as (...args: unknown[]) => boolean)(
            typeof chunk === 'string' ? chunk.replace(CURSOR_UP_AT_START, '\x1b[H') : chunk,
            ...rest,
          );
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
