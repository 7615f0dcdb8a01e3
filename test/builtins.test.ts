import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { packageRoot } from '../src/files/index.js';

const BIN = join(packageRoot(), 'bin', 'nightshift.js');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('heavy built-ins stay out of a run\u2019s start', () => {
  test('a `nightshift run` loads neither node:zlib (archives only) nor perf_hooks', () => {
    const home = mkdtempSync(join(tmpdir(), 'ns-builtins-'));
    dirs.push(home);
    mkdirSync(join(home, 'agents'));
    writeFileSync(
      join(home, 'agents', 'noop.md'),
      '---\nname: noop\ndescription: prints its status\nrunner:\n  kind: command\n' +
        '  command: ["sh", "-c", "echo hi; echo STATUS: OK; echo END_OF_RUN"]\n---\nNothing.\n',
    );
    const probe = join(home, 'probe.cjs');
    writeFileSync(
      probe,
      "process.on('exit', () => process.stderr.write('LOADED ' + process.moduleLoadList.filter((m) => " +
        "m.startsWith('NativeModule ')).map((m) => m.slice(13)).join(' ') + '\\n'));\n",
    );
    // twice: the first run parses the agent file, the second uses the cache, as runs do
    for (let i = 0; i < 2; i++) {
      const result = spawnSync(process.execPath, ['-r', probe, BIN, '--home', home, 'run', 'noop', '--json'], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).status).toBe('OK');
      if (i === 0) continue;
      const loaded = (/LOADED (.*)/.exec(result.stderr)?.[1] ?? '').split(' ');
      expect(loaded).toContain('child_process');
      expect(loaded.filter((name) => ['zlib', 'perf_hooks'].includes(name))).toEqual([]);
    }
  });
});
