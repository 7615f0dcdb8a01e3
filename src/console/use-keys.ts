import { useInput, useStdin, useStdout } from 'ink';
import { useEffect, useRef } from 'react';
import { keyNames } from './keymap.js';
import type { Dispatch } from './store.js';

/** ESC followed by one character that is not a letter or digit ("ESC /"): Ink strips the ESC and reports the character alone. */
const ESC_THEN_SYMBOL = /^\u001b[^A-Za-z0-9[O\u001b]$/u;

/**
 * The console's only input hook: key names go to the reducer, which routes
 * them by mode. Nothing here reads state, so two keys in one tick cannot
 * reach a stale closure. Esc then `/` typed quickly arrives as one sequence
 * that Ink reports as a bare `/`; a listener on the raw input (registered
 * before useInput's, so it hears each chunk first) puts the Esc back.
 */
export function useKeys(dispatch: Dispatch): void {
  const { internal_eventEmitter: events } = useStdin();
  const escaped = useRef(false);
  useEffect(() => {
    const onRaw = (data: string): void => {
      escaped.current = ESC_THEN_SYMBOL.test(data);
    };
    events.on('input', onRaw);
    return () => {
      events.off('input', onRaw);
    };
  }, [events]);
  useInput((input, key) => {
    const keys = keyNames(input, key);
    const all = escaped.current && !key.meta && !key.escape ? ['esc', ...keys] : keys;
    escaped.current = false;
    if (all.length > 0) dispatch({ type: 'keys', keys: all });
  });
}

/** Ink 6 does not re-render on resize: the size goes into the state, so the layout follows. */
export function useTerminalSize(dispatch: Dispatch): void {
  const { stdout } = useStdout();
  useEffect(() => {
    const onResize = (): void =>
      dispatch({ type: 'resize', cols: stdout.columns || undefined, rows: stdout.rows || undefined });
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, dispatch]);
}
