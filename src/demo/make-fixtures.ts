import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { packageRoot } from '../home/index.js';
import { generateDemo } from './generate.js';
import { writeDemoHome } from './write.js';

/**
 * `npm run fixtures`: regenerates fixtures/demo-home and its manifest
 * fixtures/demo-home.expect.json. Run from dist/demo/, so the repository's
 * fixtures/ is two folders up; a path argument writes elsewhere instead.
 */
const target = process.argv[2] ? resolve(process.argv[2]) : join(packageRoot(), 'fixtures', 'demo-home');
const started = performance.now();
const { files, manifest } = generateDemo();
await writeDemoHome(target, files);
await writeFile(`${target}.expect.json`, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
const mb = (manifest.counts.bytes ?? 0) / 1024 / 1024;
console.log(
  `demo home written to ${target}: ${files.length} files, ${mb.toFixed(2)} MB, ${manifest.counts.runs} runs, ${manifest.counts.alerts} alert events (${Math.round(performance.now() - started)} ms)`,
);
