// `node --import ./test/support/ts-register.mjs script` lets a plain node 20
// process import the TypeScript sources (the `kill`-from-another-process test
// uses it). `./x.js` imports that name a `./x.ts` file resolve to it; .ts is
// transpiled by the project's own typescript, without a type check.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:');
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !relative || !specifier.endsWith('.js')) throw error;
    return next(specifier.slice(0, -3) + '.ts', context);
  }
}
export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const { default: ts } = await import(${JSON.stringify(new URL('../../node_modules/typescript/lib/typescript.js', import.meta.url).href)});
  const path = fileURLToPath(url);
  const { outputText } = ts.transpileModule(await readFile(path, 'utf8'), {
    fileName: path,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
`)}`,
  import.meta.url,
);
