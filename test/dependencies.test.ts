import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../src/files/index.js';

/**
 * package.json lists what the product uses, nothing more (issue 13: honest
 * dependencies). A package the design card named but nightshift does not use
 * is left out, with the measured reason in README's "Built on" and a bench
 * that shows it (bench/harness/execa-startup.mjs, bench/time/date-fns.mjs,
 * bench/schedule/node-cron-dst.mjs, bench/console/table.mjs).
 */
const ROOT = packageRoot();
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sources(dir: string, pattern: RegExp): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .filter((file) => pattern.test(file))
    .map((file) => readFileSync(join(ROOT, dir, file), 'utf8'));
}

const product = [...sources('src', /\.tsx?$/), ...sources('scripts', /\.m?[jt]s$/)];

/** `name` or `name/sub` imported, import()ed or require()d. */
function imports(text: string, name: string): boolean {
  const quoted = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(?:from\\s+|import\\(\\s*|require\\(\\s*)['"]${quoted}(?:/[^'"]*)?['"]`).test(text);
}

describe('package.json', () => {
  test('every dependency is imported by the product (src/ or scripts/)', () => {
    const unused = Object.keys(manifest.dependencies).filter((name) => !product.some((text) => imports(text, name)));
    expect(unused).toEqual([]);
  });

  test('every @types package types a dependency (or Node)', () => {
    const orphans = Object.keys(manifest.devDependencies)
      .filter((name) => name.startsWith('@types/'))
      .map((name) => name.slice('@types/'.length))
      .filter((name) => name !== 'node' && !(name in manifest.dependencies));
    expect(orphans).toEqual([]);
  });

  test('the import check sees a real import and not a mention', () => {
    expect(imports("import { Low } from 'lowdb';", 'lowdb')).toBe(true);
    expect(imports("import { DataFile } from 'lowdb/node';", 'lowdb')).toBe(true);
    expect(imports("const { z } = await import('zod');", 'zod')).toBe(true);
    expect(imports('// node-cron is not used', 'node-cron')).toBe(false);
    expect(imports("import x from 'lowdb-extra';", 'lowdb')).toBe(false);
  });
});
