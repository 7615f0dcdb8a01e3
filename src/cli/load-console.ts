/**
 * The console's modules: React, Ink and Yoga, loaded only when the console
 * opens. Yoga's Emscripten loader fetches its inlined WebAssembly through a
 * data: URL whenever `fetch` exists, and the first fetch loads Node's whole
 * HTTP client (~40 ms of a console's start); without `fetch` it decodes the
 * bytes in place. So `fetch` is hidden while these modules load.
 */
export async function loadConsole(): Promise<typeof import('../console/index.js')> {
  const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetch?.configurable) delete (globalThis as { fetch?: unknown }).fetch;
  try {
    return await import('../console/index.js');
  } finally {
    if (fetch?.configurable) Object.defineProperty(globalThis, 'fetch', fetch);
  }
}
