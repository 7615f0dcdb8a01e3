// Builds dist/ with esbuild: one ESM bundle per entry point, code-split so
// `nightshift run` loads only what a run needs (never React or Ink: the
// console and its packages are reached by dynamic import only), and every
// dependency inlined so start-up does not resolve hundreds of modules.
// Type checking is separate: `npm run typecheck` (part of `npm test`).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await rm(`${root}dist`, { recursive: true, force: true });

// What the bundle was built from: caches of parsed files key on it (src/shared/version.ts).
const hash = createHash('sha256');
for (const file of (await readdir(`${root}src`, { recursive: true })).filter((f) => /\.tsx?$/.test(f)).sort()) {
  hash.update(file).update(await readFile(`${root}src/${file}`));
}
hash.update(await readFile(`${root}package-lock.json`));

// OpenTelemetry's packages (central logs, src/telemetry) ship a CommonJS `main` and an ESM `module`; for
// platform node esbuild takes `main`, whole. From `module` (and through export maps' `module` condition,
// which esbuild already honours) it keeps only what is used: most of semantic-conventions' 420 KB and the
// metrics SDK go, and an export at a run's exit loads less (bench/telemetry).
const openTelemetryAsEsm = {
  name: 'opentelemetry-esm',
  setup(builder) {
    builder.onResolve({ filter: /^@opentelemetry\/[^/]+$/ }, async (args) => {
      if (args.pluginData === 'opentelemetry-esm') return undefined;
      const found = await builder.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'opentelemetry-esm',
      });
      if (found.errors.length > 0) return undefined;
      const dir = found.path.slice(0, found.path.indexOf(args.path) + args.path.length);
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      if (manifest.exports !== undefined || typeof manifest.module !== 'string') return undefined;
      return { path: join(dir, manifest.module) };
    });
  },
};

const common = {
  absWorkingDir: root,
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
  banner: {
    js: "import { createRequire as __nightshiftRequire } from 'node:module'; const require = __nightshiftRequire(import.meta.url);",
  },
  define: { __NIGHTSHIFT_BUILD_ID__: JSON.stringify(hash.digest('hex').slice(0, 16)) },
  logLevel: 'warning',
  plugins: [openTelemetryAsEsm],
};

// The product in dist/: the CLI (bin/nightshift.js imports it) and the daemon's run-at helper.
// The demo in fixtures/generator/dist/ (git-ignored, outside the package): `npm start` and `npm run fixtures`;
// a build of its own, so nothing of the demo lands in the product's chunks.
await rm(`${root}fixtures/generator/dist`, { recursive: true, force: true });
await build({ ...common, entryPoints: ['src/cli/main.ts', 'src/cli/run-at.ts'], outdir: 'dist', outbase: 'src' });
await build({
  ...common,
  entryPoints: ['fixtures/generator/start.ts', 'fixtures/generator/make-fixtures.ts'],
  outdir: 'fixtures/generator/dist',
  outbase: 'fixtures/generator',
});
