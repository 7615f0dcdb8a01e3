/**
 * Node 20 cannot run TypeScript, and the benchmarks must not pay for a
 * compiler in their memory figures: this transpiles the journal room (and the
 * rooms below it) and the
 * bench scripts once into bench/journal/.build/ (ignored by git), keeping the
 * repository's layout so imports and `zod` resolve as in the sources.
 *
 *   node bench/journal/build.mjs
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'bench', 'journal', '.build');

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') ? [] : tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

rmSync(out, { recursive: true, force: true });
// the journal room and the rooms below it that it imports
const sources = [
  ...['journal', 'shared', 'files'].flatMap((room) => tsFiles(join(root, 'src', room))),
  ...tsFiles(join(root, 'bench', 'journal')),
];
for (const file of sources) {
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
    fileName: file,
  });
  const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, outputText);
}
console.log(`transpiled ${sources.length} files into ${relative(root, out)}/`);
