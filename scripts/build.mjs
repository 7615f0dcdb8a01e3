// Builds dist/ with esbuild: one ESM bundle per entry point, code-split so
// `nightshift run` loads only what a run needs (never React or Ink), and
// every dependency inlined so start-up does not resolve hundreds of modules.
// Type checking is separate: `npm run typecheck` (part of `npm test`).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await rm(`${root}dist`, { recursive: true, force: true });
await rm(`${root}fixtures/generator/dist`, { recursive: true, force: true });

// What the bundle was built from: caches of parsed files key on it (src/version.ts).
const hash = createHash('sha256');
for (const file of (await readdir(`${root}src`, { recursive: true })).filter((f) => /\.tsx?$/.test(f)).sort()) {
  hash.update(file).update(await readFile(`${root}src/${file}`));
}
hash.update(await readFile(`${root}package-lock.json`));

const buildId = JSON.stringify(hash.digest('hex').slice(0, 16));
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Ink imports the React devtools only when DEV is set; it is not a dependency.
  external: ['react-devtools-core'],
  // cron-parser require()s luxon's CommonJS build; src/agents/cron-parser.ts must set up that same copy, not the ES one
  alias: { luxon: './node_modules/luxon/build/node/luxon.js' },
  metafile: true,
  logLevel: 'warning',
};

// zod's namespace re-exports every locale it has (400 KB of a 2.4 MB script
// that every `nightshift run` reads); its messages are English, so English is
// the one kept. The build fails if zod stops calling it `en`.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!/export \{ default as en \} from "\.\/en\.js";/.test(text)) throw new Error(`${args.path} no longer exports en from ./en.js: zod changed; update zodEnglishOnly in scripts/build.mjs`);
      return { contents: 'export { default as en } from "./en.js";\n', loader: 'js' };
    });
  },
};

// Packages whose set-up waits for their first use. In the scripts every
// module a command reaches by static import is set up before the command
// starts, and zod's, yaml's and the cron packages' set-up (~3, ~2 and ~2 ms)
// is paid by every `nightshift run` although a run whose caches hit uses
// none of them. A source's `import { z } from 'zod'` gets a stand-in that
// loads the package on first touch. What each export is:
//   function  called: a function that calls the package's
//   object    a namespace (zod's z): a proxy for its properties
//   statics   a class or object used for its static members, which may need
//             `this` to be the class (cron-parser's private statics): a proxy
//             whose methods are bound to it, and whose setters reach it
// The build fails if a package no longer has the export.
const LAZY_PACKAGES = {
  zod: { exports: { z: 'object' } },
  yaml: { exports: { parseDocument: 'function', isMap: 'function', isScalar: 'function' } },
  'cron-parser': { exports: { CronExpressionParser: 'statics' } },
  cronstrue: { exports: { default: 'statics' } },
  // the build that common.alias gives cron-parser too: one luxon, whose Settings both see
  luxon: { entry: `${root}node_modules/luxon/build/node/luxon.js`, exports: { Settings: 'statics' } },
};

async function lazyStandIn(name) {
  const spec = LAZY_PACKAGES[name];
  // the file an import of the package resolves to: for zod its ES build, whose locales zodEnglishOnly trims (a require of 'zod' would bundle its CommonJS build, every locale included)
  const entry = spec.entry ?? fileURLToPath(import.meta.resolve(name));
  const real = await import(entry);
  const lines = [
    'let real;',
    `const load = () => (real ??= require(${JSON.stringify(entry)}));`,
    // a CommonJS module's default export is the module itself unless it says it is an ES module
    "const member = (key) => { const module = load(); return key === 'default' && !(module.__esModule && 'default' in module) ? module : module[key]; };",
  ];
  for (const [exported, kind] of Object.entries(spec.exports)) {
    const value = exported === 'default' ? (real.default ?? real) : real[exported];
    const expected = kind === 'function' ? ['function'] : ['object', 'function'];
    if (!expected.includes(typeof value)) throw new Error(`${name} no longer exports ${exported} as a ${kind}: update LAZY_PACKAGES in scripts/build.mjs`);
    const key = JSON.stringify(exported);
    const target = `member(${key})`;
    const body =
      kind === 'function'
        ? `function (...args) { return ${target}(...args); }`
        : kind === 'object'
          ? `new Proxy({}, { get: (_, key) => ${target}[key], has: (_, key) => key in ${target} })`
          : `new Proxy({}, { get: (_, key) => { const owner = ${target}; const value = owner[key]; return typeof value === 'function' ? value.bind(owner) : value; }, set: (_, key, value) => Reflect.set(${target}, key, value), has: (_, key) => key in ${target} })`;
    lines.push(exported === 'default' ? `export default ${body};` : `export const ${exported} = ${body};`);
  }
  return `${lines.join('\n')}\n`;
}

const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY_PACKAGES).map((name) => name.replace(/[-]/g, '\\-')).join('|')})$`);
    // only our sources get the stand-in; the stand-in's own require() reaches the package
    b.onResolve({ filter }, (args) => (args.importer.startsWith(`${root}src/`) ? { path: args.path, namespace: 'lazy-package' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, async (args) => ({ contents: await lazyStandIn(args.path), resolveDir: root, loader: 'js' }));
  },
};

/**
 * The launcher reads dist/cli/*.cjs as latin1 (src/cli/launch.ts), which is
 * exact for ASCII and spares every command a UTF-8 decode of megabytes, and
 * V8 then keeps the source at one byte a character. esbuild already escapes
 * strings; what it leaves (comments, regular expressions) is escaped here,
 * one UTF-16 unit at a time, which means the same in both.
 */
async function asciiOnly(file) {
  const text = await readFile(file, 'utf8');
  const escaped = text.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (escaped !== text) await writeFile(file, escaped);
}

/** A dependency bundled twice is two states: a setting made on one copy is never seen by the other. */
function oneCopyEach(result, names) {
  // zod ships its ES and CommonJS builds side by side (.js, .cjs): a require of it (the lazy stand-in) must not reach the second
  const zodCommonJs = Object.keys(result.metafile.inputs).find((input) => input.startsWith('node_modules/zod/') && input.endsWith('.cjs'));
  if (zodCommonJs) throw new Error(`zod's CommonJS build is bundled (${zodCommonJs}): resolve it to its ES build in scripts/build.mjs`);
  for (const name of names) {
    const copies = new Set(Object.keys(result.metafile.inputs).filter((input) => input.startsWith(`node_modules/${name}/`)).map((input) => input.split('/').slice(0, 4).join('/')));
    if (copies.size > 1) throw new Error(`${name} is bundled more than once (${[...copies].join(', ')}): resolve it to one file in scripts/build.mjs`);
  }
  return result;
}

// The ES module builds: the daemon's run-at helper and Yoga's loader for the
// console in dist/; and, outside the package (git-ignored), the demo's
// `npm start` and `npm run fixtures` in fixtures/generator/dist/.
const esmBuilds = [
  { entryPoints: ['src/cli/load-yoga.ts', 'src/daemon/run-at.ts'], outdir: 'dist', outbase: 'src' },
  { entryPoints: ['fixtures/generator/start.ts', 'fixtures/generator/make-fixtures.ts'], outdir: 'fixtures/generator/dist', outbase: 'fixtures/generator' },
];
for (const esmBuild of esmBuilds) oneCopyEach(await build({
  ...common,
  ...esmBuild,
  plugins: [zodEnglishOnly],
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies call require(); give ESM chunks one.
  banner: { js: "import { createRequire as __nightshiftRequire } from 'node:module'; const require = __nightshiftRequire(import.meta.url);" },
  define: { __NIGHTSHIFT_BUILD_ID__: buildId },
}), ['luxon']);

// The launcher bin/nightshift.js requires: CommonJS, so a command starts
// without Node's ES module loader, and small. Yoga's loader stays outside it,
// in the ES build above; only the console imports it.
await build({
  ...common,
  entryPoints: ['src/cli/launch.ts'],
  outfile: 'dist/cli/launch.cjs',
  format: 'cjs',
  plugins: [
    {
      name: 'yoga-loader-outside',
      setup(b) {
        b.onResolve({ filter: /^\.\/load-yoga\.js$/ }, () => ({ path: './load-yoga.js', external: true }));
      },
    },
  ],
});

// The commands as two scripts that src/cli/launch.ts runs with a V8 code
// cache (Node 20 has none for modules): dist/cli/nightshift.cjs for every
// command but the console, which never carries React or Ink (`nightshift run`
// starts for every scheduled run), and dist/cli/console.cjs, the same program
// with the console. Two top-level awaits stand in the way of CommonJS there:
// Yoga's WebAssembly (loaded by the launcher instead, see
// scripts/shims/yoga-layout.mjs) and Ink's optional React devtools hook (made
// a plain promise: devtools are a development aid the bundled console does
// not offer).
const INK_TOP_LEVEL_AWAITS = [
  ["await import('./devtools.js');", "import('./devtools.js').catch(() => undefined);"],
  ['? await loadPackageJson()', "? { name: 'ink', version: undefined }"],
];
const script = {
  ...common,
  entryPoints: ['src/cli/program.ts'],
  format: 'cjs',
  minifySyntax: true,
  minifyWhitespace: true,
  // short lines: Node prints the whole source line of an uncaught error, and a minified line would be a megabyte
  lineLimit: 400,
  banner: { js: "const __nightshiftUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { __NIGHTSHIFT_BUILD_ID__: buildId, 'import.meta.url': '__nightshiftUrl' },
};
oneCopyEach(await build({
  ...script,
  outfile: 'dist/cli/nightshift.cjs',
  plugins: [
    zodEnglishOnly,
    lazyPackages,
    {
      name: 'console-elsewhere',
      setup(b) {
        b.onResolve({ filter: /\/console\/index\.js$/ }, () => ({ path: `${root}src/cli/console-elsewhere.ts` }));
      },
    },
  ],
}), ['luxon']);
oneCopyEach(await build({
  ...script,
  outfile: 'dist/cli/console.cjs',
  plugins: [
    zodEnglishOnly,
    lazyPackages,
    {
      name: 'console-in-commonjs',
      setup(b) {
        b.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: `${root}scripts/shims/yoga-layout.mjs` }));
        b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, async (args) => {
          let text = await readFile(args.path, 'utf8');
          for (const [from, to] of INK_TOP_LEVEL_AWAITS) {
            if (!text.includes(from)) throw new Error(`${args.path} no longer contains "${from}": Ink changed; update INK_TOP_LEVEL_AWAITS in scripts/build.mjs`);
            text = text.replace(from, to);
          }
          return { contents: text, loader: 'js' };
        });
      },
    },
  ],
}), ['luxon']);
await asciiOnly(`${root}dist/cli/nightshift.cjs`);
await asciiOnly(`${root}dist/cli/console.cjs`);
