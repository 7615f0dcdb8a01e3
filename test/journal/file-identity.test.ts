import { appendFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { emptyFileIndex, type FileIndex } from '../../src/journal/file-index.js';
import { fingerprintOf, identityOf, stillCovers } from '../../src/journal/file-identity.js';
import { useTempDir } from './support/temp-dir.js';

const tempDir = useTempDir();

/** An index of `path` as it is now, as if every line had been read. */
async function indexOf(path: string): Promise<FileIndex> {
  const handle = await open(path, 'r');
  try {
    const identity = await identityOf(handle, path);
    const index = emptyFileIndex('runs.jsonl', false, 'UTC', identity);
    index.covered = identity.size;
    index.fingerprint = await fingerprintOf(handle, path, identity.size);
    return index;
  } finally {
    await handle.close();
  }
}

/** Asks with the file's current identity, so that only the bytes can tell. */
async function covers(path: string, index: FileIndex, keepIdentity = true): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const identity = await identityOf(handle, path);
    const asked = keepIdentity ? { ...index, identity: { ...identity, size: index.identity.size } } : index;
    return await stillCovers(handle, path, identity, asked);
  } finally {
    await handle.close();
  }
}

const lines = (n: number, tag: string): string =>
  Array.from({ length: n }, (_, i) => `{"line":${i},"tag":"${tag}"}\n`).join('');

describe('stillCovers', () => {
  test('a journal that only grew is still covered', async () => {
    const path = join(tempDir(), 'runs.jsonl');
    writeFileSync(path, lines(1000, 'a'));
    const index = await indexOf(path);
    appendFileSync(path, lines(10, 'b'));
    expect(await covers(path, index, false)).toBe(true);
  });

  test('different first bytes, or different bytes before where the index stopped, mean another file, even with the same inode, size and mtime', async () => {
    const path = join(tempDir(), 'runs.jsonl');
    const original = lines(1000, 'a');
    writeFileSync(path, original);
    const index = await indexOf(path);
    writeFileSync(path, `{"line":0,"tag":"X"}${original.slice(20)}`);
    expect(await covers(path, index)).toBe(false);
    // the last line's tag changed, same length
    writeFileSync(path, `${original.slice(0, -4)}X"}\n`);
    expect(await covers(path, index)).toBe(false);
    writeFileSync(path, original);
    expect(await covers(path, index)).toBe(true);
  });

  test('a shorter file is not covered', async () => {
    const path = join(tempDir(), 'runs.jsonl');
    writeFileSync(path, lines(100, 'a'));
    const index = await indexOf(path);
    writeFileSync(path, lines(50, 'a'));
    expect(await covers(path, index)).toBe(false);
  });

  test('a small journal that grows past the fingerprint size is still covered', async () => {
    const path = join(tempDir(), 'runs.jsonl');
    writeFileSync(path, lines(3, 'a'));
    const index = await indexOf(path);
    appendFileSync(path, lines(1000, 'b'));
    expect(await covers(path, index, false)).toBe(true);
  });
});
