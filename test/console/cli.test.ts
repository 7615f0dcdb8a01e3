import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDefaultCommand } from '../../src/cli/route.js';
import { makeDemoHome } from '../../fixtures/generator/make-home.js';

const BIN = resolve(process.env.NIGHTSHIFT_BIN ?? 'bin/nightshift.js');
const FIXTURE = resolve('fixtures/demo-home');
const manifest = JSON.parse(readFileSync(`${FIXTURE}.expect.json`, 'utf8')) as { agents: string[] };

describe('nightshift with no command is the console', () => {
  const argv = (...args: string[]) => withDefaultCommand(['node', 'nightshift', ...args]).slice(2);

  it('adds `console` when no command is given', () => {
    expect(argv()).toEqual(['console']);
    expect(argv('--home', '/x')).toEqual(['console', '--home', '/x']);
    expect(argv('--readonly')).toEqual(['console', '--readonly']);
    expect(argv('--home=/x', '--readonly')).toEqual(['console', '--home=/x', '--readonly']);
  });

  it('leaves commands, typos, --help and --version to commander', () => {
    expect(argv('status')).toEqual(['status']);
    expect(argv('--home', '/x', 'status')).toEqual(['--home', '/x', 'status']);
    expect(argv('stauts')).toEqual(['stauts']);
    expect(argv('--help')).toEqual(['--help']);
    expect(argv('-V')).toEqual(['-V']);
  });
});

/** Static imports only: what a module pulls in before any of its code runs. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)';/gms)].map((m) => m[1] as string);
}

describe('the CLI entry stays light', () => {
  it('never imports React, Ink or the console before a command asks for them', () => {
    const seen = new Set<string>();
    const reached: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of staticImports(file)) {
        if (!specifier.startsWith('.')) {
          reached.push(specifier);
          continue;
        }
        const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
        reached.push(target);
        if (existsSync(target)) visit(target);
        else if (existsSync(target.replace(/\.ts$/, '.tsx'))) visit(target.replace(/\.ts$/, '.tsx'));
      }
    };
    visit(resolve('src/cli/program.ts'));
    expect(
      reached.filter((r) => r === 'ink' || r === 'react' || r.startsWith('ink-') || r.includes('/src/console/')),
    ).toEqual([]);
  });
});

describe('off a terminal', () => {
  let root: string;
  let home: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ns-console-cli-'));
    home = join(root, 'home');
    await makeDemoHome(home, new Date());
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('`nightshift` prints the status instead of a console, and exits 0', () => {
    const result = spawnSync(process.execPath, [BIN, '--home', home], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 30_000,
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/not a terminal/);
    for (const agent of manifest.agents) expect(result.stdout).toContain(agent);
    expect(result.stdout).not.toContain('\x1b[?1049h');
  });

  it('`npm start` (fixtures/generator/dist/start.js) prints the status of a fresh demo copy, and exits 0', () => {
    const start = resolve(dirname(BIN), '../fixtures/generator/dist/start.js');
    const result = spawnSync(process.execPath, [start], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    const copy = /is in (\S+);/.exec(result.stdout)?.[1];
    try {
      expect(result.status).toBe(0);
      expect(copy).toMatch(/nightshift-demo-/);
      for (const agent of manifest.agents) expect(result.stdout).toContain(agent);
      expect(result.stdout).toMatch(/scheduler up/);
    } finally {
      if (copy && copy.startsWith(tmpdir())) rmSync(copy, { recursive: true, force: true });
    }
  });

  it('`npm start -- --bogus`: names the option it does not know and exits 2, making no demo home', () => {
    const start = resolve(dirname(BIN), '../fixtures/generator/dist/start.js');
    const result = spawnSync(process.execPath, [start, '--bogus'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'npm start: "--bogus" is not an option of the demo: expected --readonly (npm start -- --readonly)\n',
    );
    expect(result.stdout).toBe('');
  });
});
