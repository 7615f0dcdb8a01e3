// Builds dist/ with esbuild: one ESM bundle per entry point, code-split so
// `nightshift run` loads only what a run needs (never React or Ink), and
// every dependency inlined so start-up does not resolve hundreds of modules.
// Type checking is separate: `npm run typecheck` (part of `npm test`).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await rm(`${root}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts', 'src/demo/start.ts', 'src/demo/make-fixtures.ts', 'src/schedule/daemon/run-at.ts'],
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  // Ink imports the React devtools only when DEV is set; it is not a dependency.
  external: ['react-devtools-core'],
  // Bundled CommonJS dependencies call require(); give ESM chunks one.
  banner: { js: "import { createRequire as __nightshiftRequire } from 'node:module'; const require = __nightshiftRequire(import.meta.url);" },
  logLevel: 'warning',
});
