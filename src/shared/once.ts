/**
 * A value built on its first use and kept: for the zod schemas of files
 * people write (agent files, nightshift.yaml). Building them costs 30–50 ms
 * of a fresh process (measured for issue 13), and a command whose files come
 * from the parse cache (run/*.cache.json) never needs them.
 */
export function once<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
