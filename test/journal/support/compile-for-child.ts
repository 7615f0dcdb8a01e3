import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Child processes run plain Node, which cannot load TypeScript: transpile the
 * few source files a child needs into a temporary tree with the repository's
 * layout. Returns the folder; files keep their relative paths, ".ts" → ".js".
 */
export function compileForChild(files: readonly string[]): string {
  const out = mkdtempSync(join(tmpdir(), 'nightshift-child-'));
  for (const file of files) {
    const source = join(ROOT, file);
    const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: source,
    });
    const target = join(out, relative(ROOT, source)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return out;
}
