import { createRequire } from 'node:module';

/**
 * A Node built-in loaded when first asked for, not when the module that uses
 * it loads: for the heavy ones (node:crypto, node:zlib, node:v8) that most
 * commands never touch. require(), not import(): the CLI runs as a
 * code-cached vm.Script, where a dynamic import() fails
 * (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING).
 */
export function builtin<T>(name: `node:${string}`): T {
  return createRequire(import.meta.url)(name) as T;
}
