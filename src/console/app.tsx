import { useSyncExternalStore } from 'react';
import { Frame } from './components/frame.js';
import type { Store } from './store.js';
import { useKeys, useTerminalSize } from './use-keys.js';

/** The console's root: the store's state in, keys and resizes out. */
export function App({ store }: { store: Store }) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  useKeys(store.dispatch);
  useTerminalSize(store.dispatch);
  return <Frame state={state} />;
}
