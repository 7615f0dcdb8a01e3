import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/files/index.js';

describe('loading the console (the build, as the CLI loads it)', () => {
  it('loads React, Ink and Yoga without calling fetch, and leaves fetch as it was', () => {
    const chunks = join(packageRoot(), 'dist', 'chunks');
    const chunk = readdirSync(chunks).find((file) => /^load-console-.*\.js$/.test(file));
    expect(chunk, 'dist/ is built (npm run build)').toBeDefined();
    const script = `
      const calls = [];
      const real = globalThis.fetch;
      const spy = (...args) => { calls.push(String(args[0]).slice(0, 5)); return real(...args); };
      globalThis.fetch = spy;
      const { loadConsole } = await import(${JSON.stringify(pathToFileURL(join(chunks, chunk!)).href)});
      const loaded = await loadConsole();
      console.log(JSON.stringify({ calls, openConsole: typeof loaded.openConsole, fetchKept: globalThis.fetch === spy }));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ calls: [], openConsole: 'function', fetchKept: true });
  });
});
