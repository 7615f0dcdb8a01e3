/**
 * A record's own value for `key`, never one inherited from Object.prototype.
 * For every record keyed by something from outside (an agent's name, a model
 * id, a file name): a valid agent may be called "constructor", and a model
 * "toString", and `record[key]` would hand back a function.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
