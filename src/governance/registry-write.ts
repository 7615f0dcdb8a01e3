import { join } from 'node:path';
import { writeFileAtomically } from '../files/index.js';

export const REGISTRY_FILE = 'REGISTRY.md';

/** Writes <home>/REGISTRY.md whole (temp + rename), private like every file of the home. */
export async function writeRegistryFile(homeRoot: string, markdown: string): Promise<string> {
  const path = join(homeRoot, REGISTRY_FILE);
  await writeFileAtomically(path, markdown, { mode: 0o600 });
  return path;
}
