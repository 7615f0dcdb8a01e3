import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { commandOf } from '../../src/cli/route.js';
import { packageRoot } from '../../src/files/index.js';

const BIN = join(packageRoot(), 'bin', 'nightshift.js');
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

describe('the start of the built CLI (bin/nightshift.js → dist/cli/main.js)', () => {
  const home = mkdtempSync(join(tmpdir(), 'ns-start-'));
  dirs.push(home);
  const nightshift = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, '--home', join(home, 'h'), ...args], { encoding: 'utf8', timeout: 60_000 });

  it('`run` loads none of React, Ink or the console: they are reached only by the console\u2019s dynamic import', () => {
    expect(nightshift('init').status).toBe(0);
    mkdirSync(join(home, 'h', 'agents'), { recursive: true });
    writeFileSync(
      join(home, 'h', 'agents', 'noop.md'),
      '---\nname: noop\ndescription: prints its status\nrunner:\n  kind: command\n' +
        '  command: ["sh", "-c", "echo hi; echo STATUS: OK; echo END_OF_RUN"]\n---\nNothing.\n',
    );
    // an ES module loader hook lists every file the process loads
    const loaded = join(home, 'loaded.txt');
    const hooks = join(home, 'hooks.mjs');
    writeFileSync(
      hooks,
      "import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n" +
        "  if (url.startsWith('file:')) appendFileSync(process.env.NS_LOADED, url + '\\n');\n" +
        '  return next(url, context);\n}\n',
    );
    const probe = join(home, 'probe.mjs');
    writeFileSync(probe, `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`);
    const ran = spawnSync(
      process.execPath,
      ['--import', probe, BIN, '--home', join(home, 'h'), 'run', 'noop', '--json'],
      { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NS_LOADED: loaded } },
    );
    expect(ran.status, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout).status).toBe('OK');
    const files = readFileSync(loaded, 'utf8')
      .trim()
      .split('\n')
      .map((url) => fileURLToPath(url));
    const text = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    // the probe sees the bundle: the harness is there (esbuild names each module's source in a comment)
    expect(text).toContain('src/harness/run-agent.ts');
    const markers = [
      'node_modules/ink/',
      'node_modules/react-reconciler/',
      'node_modules/react/',
      'node_modules/yoga-layout/',
      'src/console/',
    ];
    for (const marker of markers) expect(text).not.toContain(marker);
    // and the console is in the build, where the markers would show it
    const chunks = join(packageRoot(), 'dist', 'chunks');
    const built = readdirSync(chunks)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(chunks, file), 'utf8'))
      .join('\n');
    for (const marker of markers) expect(built).toContain(marker);
  });

  it('exit codes and errors come through the start unchanged', () => {
    const missing = nightshift('run', 'ghost');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/ghost/);
    expect(nightshift('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
