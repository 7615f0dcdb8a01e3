/**
 * Values built on first use and kept. For zod schemas above all: building
 * one costs tens of microseconds per node, all of them together tens of
 * milliseconds of every command's start, and a command whose caches hit
 * (parsed agent files, nightshift.yaml) or whose records pass the hand-written
 * guards never asks zod anything.
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

/**
 * A schema that is built the first time anything touches it. It stands in for
 * the schema everywhere: methods (`parse`, `safeParse`, `optional`…) run on
 * the built one, and it keeps one identity, so a `schema === runRecordSchema`
 * test still holds.
 */
export function lazySchema<T extends object>(build: () => T): T {
  const schema = once(build);
  return new Proxy(Object.create(null) as T, {
    get(_, key) {
      const target = schema();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has: (_, key) => Reflect.has(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
