import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demo } from './support.js';

/**
 * fixtures/demo-home is committed; this says when it no longer matches the
 * generator (a changed agent schema, story or format), so it is regenerated
 * with `npm run fixtures` in the same change.
 */
const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const home = join(fixtures, 'demo-home');

describe.skipIf(!existsSync(home))('the committed fixtures/demo-home', () => {
  it('is what the generator makes, file for file', () => {
    const onDisk = (readdirSync(home, { recursive: true }) as string[])
      .map((p) => p.split('\\').join('/'))
      .filter((p) => statSync(join(home, p)).isFile())
      .sort();
    expect(onDisk).toEqual(
      demo()
        .files.map((f) => f.path)
        .sort(),
    );
    for (const f of demo().files) {
      expect(readFileSync(join(home, f.path), 'utf8') === f.content, `${f.path} differs: run npm run fixtures`).toBe(
        true,
      );
      // git keeps only the executable bit.
      expect((statSync(join(home, f.path)).mode & 0o100) !== 0, f.path).toBe((f.mode & 0o100) !== 0);
    }
  });

  it('has a manifest that matches', () => {
    const manifest = JSON.parse(readFileSync(join(fixtures, 'demo-home.expect.json'), 'utf8')) as unknown;
    expect(manifest).toEqual(JSON.parse(JSON.stringify(demo().manifest)));
  });
});
