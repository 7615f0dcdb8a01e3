import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { baselineMetaSchema, readBaseline, storeBaseline } from '../../src/governance/eval/baseline.js';
import { CorruptFileError } from '../../src/shared/errors.js';
import { holdFormatToOracle } from '../support/format-check.js';
import { baselineMetaOracle } from '../support/zod-oracles.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ns-baseline-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("an eval's baseline.json", () => {
  test('holds to the zod schema it replaced', () => {
    const make = (random: () => number) => ({
      v: 1,
      status: random() < 0.7 ? 'OK' : 'TIMEOUT',
      at: new Date(Date.UTC(2026, 10, 1) + Math.floor(random() * 1e9)).toISOString(),
      run_id: random() < 0.8 ? 'r1' : null,
    });
    expect(
      holdFormatToOracle({ format: baselineMetaSchema, oracle: baselineMetaOracle, make, seed: 81 }),
    ).toBeGreaterThan(300);
  });

  test('reads back what storeBaseline writes', async () => {
    await storeBaseline(dir, '# accepted\n', { status: 'OK', at: '2026-11-20T08:00:00.000Z', run_id: 'r1' });
    expect(await readBaseline(dir, 'evals/a/typical')).toEqual({ text: '# accepted\n', status: 'OK' });
  });

  test('a bad status: a CorruptFileError naming the file and the field', async () => {
    writeFileSync(join(dir, 'baseline.md'), 'x');
    writeFileSync(join(dir, 'baseline.json'), '{"v":1,"status":"","at":"now","run_id":null}');
    const error = await readBaseline(dir, 'evals/a/typical').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptFileError);
    expect(error).toMatchObject({
      file: 'evals/a/typical/baseline.json',
      field: 'status',
      message:
        'evals/a/typical/baseline.json: does not hold a baseline status (status: expected a non-empty string, got "")',
    });
    writeFileSync(join(dir, 'baseline.json'), '{"v":1,');
    expect(await readBaseline(dir, 'evals/a/typical').catch((e: unknown) => (e as Error).message)).toBe(
      'evals/a/typical/baseline.json: does not hold a baseline status (not JSON)',
    );
  });
});
