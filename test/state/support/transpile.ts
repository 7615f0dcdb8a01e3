import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Child processes in these tests are plain `node` (20: no --experimental-strip-types,
 * no tsx installed), so they cannot import src/*.ts. This transpiles `entry` and
 * every relative module it imports, transitively, into `outDir` with the
 * project's own `typescript` (per file, no type check: `tsc --noEmit` does that),
 * keeping the repo layout, and links outDir/node_modules to the repo's so
 * zod, lowdb and proper-lockfile resolve. Only the modules the child needs are
 * built, so a half-written module elsewhere in the tree cannot break the test.
 * A child imports `<outDir>/src/.../x.js` for `src/.../x.ts`.
 */
export async function transpileForNode(repoRoot: string, entry: string, outDir: string): Promise<void> {
  const pending = [resolve(repoRoot, entry)];
  const done = new Set<string>();
  while (pending.length > 0) {
    const source = pending.pop() as string;
    if (done.has(source)) continue;
    done.add(source);
    const text = await readFile(source, 'utf8');
    for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
      if (imported.fileName.startsWith('.'))
        pending.push(resolve(dirname(source), imported.fileName.replace(/\.js$/, '.ts')));
    }
    const { outputText } = ts.transpileModule(text, {
      fileName: source,
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const target = join(outDir, relative(repoRoot, source)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, outputText);
  }
  await symlink(join(repoRoot, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  await writeFile(join(outDir, 'package.json'), '{"type":"module"}\n');
}
