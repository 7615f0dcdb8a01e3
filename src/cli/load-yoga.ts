/**
 * Yoga's Emscripten loader fetches its inlined WebAssembly through a data: URL
 * whenever `fetch` exists, and the first fetch loads Node's whole HTTP client
 * (~40 ms of a console's start); without one it decodes the bytes in place.
 * So fetch is hidden while Yoga loads, and nothing else runs meanwhile.
 *
 * Its own module, an ES module: the launcher is CommonJS and imports it only
 * for the console (scripts/build.mjs keeps it out of dist/cli/launch.cjs).
 */
export async function loadYogaInPlace(): Promise<unknown> {
  const { loadYoga } = await import('yoga-layout/load');
  const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetch?.configurable) delete (globalThis as { fetch?: unknown }).fetch;
  try {
    return await loadYoga();
  } finally {
    if (fetch?.configurable) Object.defineProperty(globalThis, 'fetch', fetch);
  }
}
