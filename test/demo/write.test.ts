import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoHome } from '../../fixtures/generator/write.js';
import { demo } from './support.js';

let root: string;
let home: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ns-demo-'));
  home = join(root, 'demo-home');
  await writeDemoHome(home, demo().files);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeDemoHome', () => {
  it('writes every file with its mode, folders 0700, and the empty folders of the layout', () => {
    expect(statSync(home).mode & 0o777).toBe(0o700);
    for (const dir of ['evals', 'run', 'logs', 'outputs/inbox-digest'])
      expect(statSync(join(home, dir)).mode & 0o777, dir).toBe(0o700);
    for (const f of demo().files) {
      const path = join(home, f.path);
      expect(statSync(path).mode & 0o777, f.path).toBe(f.mode);
    }
    expect(readFileSync(join(home, 'logs/runs.jsonl'), 'utf8')).toBe(demo().byPath.get('logs/runs.jsonl')!.content);
  });

  it('replaces an earlier demo home but refuses a folder that is not one', async () => {
    writeFileSync(join(home, 'leftover.txt'), 'from an older generator');
    await writeDemoHome(home, demo().files);
    expect(existsSync(join(home, 'leftover.txt'))).toBe(false);
    const foreign = join(root, 'someone-elses');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'precious.txt'), 'keep me');
    await expect(writeDemoHome(foreign, demo().files)).rejects.toThrow(/no nightshift.yaml/);
    expect(readFileSync(join(foreign, 'precious.txt'), 'utf8')).toBe('keep me');
  });
});
