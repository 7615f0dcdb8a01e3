import { agentDefaultsFrom } from '../../src/home/index.js';
import { parseConfigText } from '../../src/home/config-schema.js';
import { type DemoFile, generateDemo } from '../../fixtures/generator/generate.js';
import type { DemoManifest } from '../../fixtures/generator/manifest.js';

/** One generation per test file: it takes a couple of seconds and every test reads the same result. */
const generated = await generateDemo();
const cached: { files: DemoFile[]; manifest: DemoManifest; byPath: Map<string, DemoFile> } = {
  ...generated,
  byPath: new Map(generated.files.map((file) => [file.path, file])),
};

export function demo() {
  return cached;
}

export function file(path: string): string {
  const found = demo().byPath.get(path);
  if (!found) throw new Error(`the demo home has no ${path}`);
  return found.content;
}

export function jsonl<T = Record<string, unknown>>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);
}

export function demoDefaults() {
  const config = parseConfigText(file('nightshift.yaml'));
  if (!config.ok) throw new Error('nightshift.yaml does not validate');
  return agentDefaultsFrom(config.config);
}
