import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheFileFor, coldVariant } from '../../src/cli/launch.js';
import { loadYogaInPlace } from '../../src/cli/load-yoga.js';
import { commandOf } from '../../src/cli/route.js';
import { packageRoot } from '../../src/home/index.js';

const BIN = join(packageRoot(), 'bin', 'nightshift.js');
const BUNDLE = join(packageRoot(), 'dist', 'cli', 'nightshift.cjs');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('routing an argv', () => {
  it('names the command, the console when there is none, and nothing for --help/--version', () => {
    const of = (...args: string[]) => commandOf(['node', 'nightshift', ...args]);
    expect(of()).toBe('console');
    expect(of('--home', '/x', '--readonly')).toBe('console');
    expect(of('--home', '/x', 'run', 'a')).toBe('run');
    expect(of('--help')).toBeNull();
    expect(of('-V')).toBeNull();
  });
});

describe('the code-cached launch of dist/cli/nightshift.cjs', () => {
  const home = mkdtempSync(join(tmpdir(), 'ns-launch-'));
  dirs.push(home);
  const nightshift = (...args: string[]) => spawnSync(process.execPath, [BIN, '--home', join(home, 'h'), ...args], { encoding: 'utf8', timeout: 60_000 });

  it('keeps one cache per command, private to the user; a cold start\u2019s apart, until an ordinary start replaces it', () => {
    expect(nightshift('init').status).toBe(0);
    // a folder of its own: other test files run `status` meanwhile
    const caches = join(home, 'caches');
    const env = { ...process.env, NIGHTSHIFT_CODE_CACHE: caches };
    const status = () => spawnSync(process.execPath, [BIN, '--home', join(home, 'h'), 'status'], { encoding: 'utf8', timeout: 60_000, env });
    const file = cacheFileFor(BUNDLE, ['node', 'nightshift', 'status'], caches)!;
    expect(file.startsWith(caches)).toBe(true);
    expect(file).toMatch(/status\.bin$/);
    const cold = coldVariant(file);
    const exists = (path: string) => existsSync(path);
    // the first status parses the agent files and builds the journal index: a cold start
    expect(status().status).toBe(0);
    expect([exists(cold), exists(file)]).toEqual([true, false]);
    expect(statSync(cold).size).toBeGreaterThan(10_000);
    expect(statSync(cold).mode & 0o077).toBe(0);
    // an ordinary start runs on the cold cache, then drops it; the next compiles afresh and writes its own
    expect(status().status).toBe(0);
    expect([exists(cold), exists(file)]).toEqual([false, false]);
    expect(status().status).toBe(0);
    expect([exists(cold), exists(file)]).toEqual([false, true]);
    const made = statSync(file);
    expect(made.mode & 0o077).toBe(0);
    // later starts reuse it as it is, a cold one too
    expect(status().status).toBe(0);
    writeFileSync(join(home, 'h', 'nightshift.yaml'), `${readFileSync(join(home, 'h', 'nightshift.yaml'), 'utf8')}\n# edited\n`);
    expect(status().status).toBe(0);
    expect(statSync(file).mtimeMs).toBe(made.mtimeMs);
    expect(exists(cold)).toBe(false);
    expect(cacheFileFor(BUNDLE, ['node', 'nightshift', 'logs'])).not.toBe(file);
  });

  it('a corrupt cache is rejected by V8, the command still works, and the cache is made again', () => {
    const file = cacheFileFor(BUNDLE, ['node', 'nightshift', 'status'])!;
    writeFileSync(file, Buffer.alloc(4096, 7));
    const status = nightshift('status', '--json');
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout).agents.map((a: { name: string }) => a.name)).toEqual(['nightly-summarizer']);
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it('NIGHTSHIFT_CODE_CACHE=0 writes none; exit codes and errors come through the launch unchanged', () => {
    const file = cacheFileFor(BUNDLE, ['node', 'nightshift', 'logs'])!;
    rmSync(file, { force: true });
    const off = spawnSync(process.execPath, [BIN, '--home', join(home, 'h'), 'logs'], { encoding: 'utf8', env: { ...process.env, NIGHTSHIFT_CODE_CACHE: '0' } });
    expect(off.status).toBe(0);
    expect(readdirSync(join(file, '..'))).not.toContain('logs.bin');
    const missing = nightshift('run', 'ghost');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/ghost/);
  });

  it('`run` and every other command start from a script with no React, Ink or console in it', () => {
    const text = readFileSync(BUNDLE, 'utf8');
    for (const marker of ['node_modules/ink/', 'node_modules/react-reconciler/', 'node_modules/react/', 'src/console/']) expect(text).not.toContain(marker);
  });

  it('both scripts are ASCII, so the launcher\'s latin1 read is exact, and the launcher itself carries no Yoga', () => {
    for (const name of ['nightshift.cjs', 'console.cjs']) {
      const bytes = readFileSync(join(BUNDLE, '..', name));
      const first = bytes.findIndex((byte) => byte > 0x7f);
      expect({ name, first }).toEqual({ name, first: -1 });
    }
    const launcher = readFileSync(join(BUNDLE, '..', 'launch.cjs'), 'utf8');
    expect(launcher).not.toContain('node_modules/yoga-layout/');
    expect(launcher).toContain('./load-yoga.js');
  });

  it('the console script holds the console with the Yoga the launcher loads, and no top-level await', () => {
    const text = readFileSync(join(BUNDLE, '..', 'console.cjs'), 'utf8');
    for (const marker of ['node_modules/ink/', 'node_modules/react-reconciler/', 'src/console/', 'scripts/shims/yoga-layout.mjs']) expect(text).toContain(marker);
    // the WebAssembly itself stays out: it is loaded by launch.ts before the console starts
    expect(text).not.toContain('node_modules/yoga-layout/dist/binaries/');
    expect(cacheFileFor(BUNDLE, ['node', 'nightshift'])).toMatch(/console\.bin$/);
  });
});

describe('Yoga for the console', () => {
  it('loads without touching fetch, and leaves fetch as it was', async () => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
    const Yoga = (await loadYogaInPlace()) as { Node: { create(): { free(): void } }; DIRECTION_LTR: number };
    const node = Yoga.Node.create();
    node.free();
    expect(typeof Yoga.DIRECTION_LTR).toBe('number');
    expect(Object.getOwnPropertyDescriptor(globalThis, 'fetch')).toEqual(before);
  });
});
