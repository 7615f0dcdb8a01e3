/**
 * Whether this process did first-time work a later one will not: parsed an
 * agent file or nightshift.yaml its cache did not hold, or rebuilt a journal
 * index. The launcher keeps the V8 code cache of such a process apart from
 * the one of an ordinary start (src/cli/launch.ts): a cache holds every
 * function its process compiled, and the YAML parser and zod that a cold
 * start compiles would make every later start deserialise ~0.6 MB more.
 *
 * On globalThis: the launcher and the command are separate bundles.
 */
const FLAG = '__nightshiftColdStart';

export function markColdStart(): void {
  (globalThis as Record<string, unknown>)[FLAG] = true;
}

export function isColdStart(): boolean {
  return (globalThis as Record<string, unknown>)[FLAG] === true;
}
