import { existsSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { prune } from '../../src/governance/index.js';
import type { PruneStep } from '../../src/governance/prune/index.js';
import type { TestHome } from '../harness/support/home.js';
import { NOW, pruneHome, tarExtract, tarList, writeOutput } from './prune-support.js';

/**
 * A crash at any step of prune loses no output: each one is either still in
 * place or in the archive with the same bytes, and the next prune finishes
 * the job without archiving anything twice.
 */
let home: TestHome | undefined;
afterEach(async () => {
  await home?.remove();
  home = undefined;
});

class Crash extends Error {}

async function setUp(): Promise<{ originals: Map<string, string>; archive: string }> {
  home = await pruneHome({ daily: 'daily' });
  const originals = new Map<string, string>();
  for (const days of [100, 110, 120, 130, 140]) {
    const rel = await writeOutput(home, 'daily', days);
    originals.set(rel, readFileSync(join(home.root, rel), 'utf8'));
  }
  return { originals, archive: join(home.root, 'outputs/daily/archive/2026.tar.gz') };
}

function expectNothingLost(originals: Map<string, string>, archive: string): void {
  const archived = existsSync(archive) ? tarExtract(archive) : new Map<string, string>();
  for (const [rel, content] of originals) {
    const path = join(home!.root, rel);
    const inPlace = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    const name = rel.split('/').pop()!;
    expect(
      inPlace === content || archived.get(name) === content,
      `${rel} is neither in place nor archived intact`,
    ).toBe(true);
  }
}

const crashes: Array<{ step: PruneStep; nth: number }> = [
  { step: 'appended', nth: 1 },
  { step: 'appended', nth: 2 },
  { step: 'verified', nth: 1 },
  { step: 'verified', nth: 3 },
  { step: 'deleting', nth: 1 },
  { step: 'deleting', nth: 4 },
];

describe('prune survives a crash between copy, verify and delete', () => {
  test.each(crashes)('crash at step $step #$nth', async ({ step, nth }) => {
    const { originals, archive } = await setUp();
    const opened = await home!.open();
    let seen = 0;
    const hook = (at: PruneStep) => {
      if (at === step && ++seen === nth) throw new Crash(`crash at ${step} #${nth}`);
    };
    await expect(prune(opened, { dryRun: false, now: NOW, hook, batchFiles: 2 })).rejects.toBeInstanceOf(Crash);
    expectNothingLost(originals, archive);

    const again = await prune(opened, { dryRun: false, now: NOW, batchFiles: 2 });
    expect(again.applied?.failed).toEqual([]);
    for (const rel of originals.keys()) expect(existsSync(join(home!.root, rel)), rel).toBe(false);
    const names = tarList(archive);
    expect(names.sort()).toEqual([...originals.keys()].map((rel) => rel.split('/').pop()!).sort());
    expectNothingLost(originals, archive);
    expect(existsSync(`${archive}.pending`)).toBe(false);
  });

  test('a member that does not read back is cut off again and nothing is deleted', async () => {
    const { originals, archive } = await setUp();
    const opened = await home!.open();
    const hook = async (at: PruneStep) => {
      if (at !== 'appended') return;
      // a disk that returns other bytes than were written: flip one byte inside the member just appended
      const handle = await open(archive, 'r+');
      const { size } = await handle.stat();
      const byte = Buffer.alloc(1);
      await handle.read(byte, 0, 1, size - 12);
      byte[0] = (byte[0] as number) ^ 0xff;
      await handle.write(byte, 0, 1, size - 12);
      await handle.close();
    };
    const report = await prune(opened, { dryRun: false, now: NOW, hook });
    expect(report.applied?.archived).toEqual([]);
    expect(report.applied?.failed.map((f) => f.action.file).sort()).toEqual([...originals.keys()].sort());
    expect(report.applied?.failed[0]?.error).toMatch(/does not read back/);
    for (const [rel, content] of originals) expect(readFileSync(join(home!.root, rel), 'utf8')).toBe(content);
    expect(existsSync(archive)).toBe(false);
    expect(existsSync(`${archive}.pending`)).toBe(false);
  });

  test('an archive that already had members keeps them byte for byte when a later append fails', async () => {
    const { archive } = await setUp();
    const opened = await home!.open();
    await prune(opened, { dryRun: false, now: NOW, batchFiles: 2 });
    const before = readFileSync(archive);
    await writeOutput(home!, 'daily', 150, { suffix: '-2' });
    await expect(
      prune(opened, {
        dryRun: false,
        now: NOW,
        hook: (at) => {
          if (at === 'appended') throw new Crash('crash');
        },
      }),
    ).rejects.toBeInstanceOf(Crash);
    await prune(opened, { dryRun: false, now: NOW });
    const after = readFileSync(archive);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(statSync(archive).size).toBeGreaterThan(before.length);
    expect(tarList(archive)).toHaveLength(6);
  });
});
