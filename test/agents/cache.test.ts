import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_DEFAULTS, loadAgentFile, loadAgents, parseAgentText } from '../../src/agents/index.js';
import { packageRoot } from '../../src/files/index.js';

const homes: string[] = [];
afterEach(async () => {
  for (const home of homes.splice(0)) await rm(home, { recursive: true, force: true });
});

async function demoCopy(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'ns-agent-cache-'));
  homes.push(home);
  await cp(join(packageRoot(), 'fixtures', 'demo-home', 'agents'), join(home, 'agents'), { recursive: true });
  return home;
}

const cacheOf = (home: string) => join(home, 'run', 'agents.cache.json');
const file = (name: string, description: string, extra = '') =>
  `---\nname: ${name}\ndescription: ${description}\n${extra}---\n# Task\nSummarize.\n`;

describe('the parsed-agents cache', () => {
  it('gives back exactly what parsing gives, for every demo agent, from disk and from memory', async () => {
    const home = await demoCopy();
    const first = await loadAgents(join(home, 'agents'), BUILTIN_DEFAULTS, cacheOf(home));
    const stored = JSON.parse(await readFile(cacheOf(home), 'utf8')) as { entries: Record<string, { value: unknown }> };
    expect(Object.keys(stored.entries)).toHaveLength(first.length);
    for (const entry of first) {
      const text = await readFile(join(home, entry.file), 'utf8');
      const parsed = await parseAgentText(
        text,
        { name: entry.name, file: entry.file, absolutePath: join(home, entry.file) },
        BUILTIN_DEFAULTS,
      );
      expect(stored.entries[entry.file]?.value).toEqual(JSON.parse(JSON.stringify(parsed)));
      expect(entry).toEqual(parsed);
    }
  });

  it('parses an edited file again, and forgets a removed one', async () => {
    const home = await demoCopy();
    await writeFile(join(home, 'agents', 'zz-extra.md'), file('zz-extra', 'before'));
    await loadAgents(join(home, 'agents'), BUILTIN_DEFAULTS, cacheOf(home));
    await writeFile(join(home, 'agents', 'zz-extra.md'), file('zz-extra', 'after the edit'));
    const edited = (await loadAgents(join(home, 'agents'), BUILTIN_DEFAULTS, cacheOf(home))).find(
      (e) => e.name === 'zz-extra',
    );
    expect(edited?.ok && edited.agent.description).toBe('after the edit');
    await rm(join(home, 'agents', 'zz-extra.md'));
    await loadAgents(join(home, 'agents'), BUILTIN_DEFAULTS, cacheOf(home));
    const stored = JSON.parse(await readFile(cacheOf(home), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(stored.entries)).not.toContain('agents/zz-extra.md');
  });

  it('resolves again when the home defaults change', async () => {
    const home = await demoCopy();
    const path = join(home, 'agents', 'zz-limits.md');
    await writeFile(path, file('zz-limits', 'limits from the home'));
    const a = await loadAgentFile(path, BUILTIN_DEFAULTS, cacheOf(home));
    const b = await loadAgentFile(
      path,
      { ...BUILTIN_DEFAULTS, limits: { ...BUILTIN_DEFAULTS.limits, calls: 3 } },
      cacheOf(home),
    );
    expect(a.ok && a.agent.limits.calls).toBe(BUILTIN_DEFAULTS.limits.calls);
    expect(b.ok && b.agent.limits.calls).toBe(3);
  });

  it('a corrupt or unwritable cache only costs a parse', async () => {
    const home = await demoCopy();
    const expected = await loadAgents(join(home, 'agents'), BUILTIN_DEFAULTS);
    await mkdir(join(home, 'run'));
    await writeFile(cacheOf(home), '{"format":1,"entries":{"agents/inbox-digest.md":{"key":"x","value":');
    expect(await loadAgents(join(home, 'agents'), BUILTIN_DEFAULTS, cacheOf(home))).toEqual(expected);
    expect(JSON.parse(await readFile(cacheOf(home), 'utf8')).format).toBe(2);
    // run/ is a file here: nothing can be written under it
    await rm(join(home, 'run'), { recursive: true });
    await writeFile(join(home, 'run'), 'not a folder');
    expect(await loadAgents(join(home, 'agents'), BUILTIN_DEFAULTS, join(home, 'run', 'agents.cache.json'))).toEqual(
      expected,
    );
  });

  it('is read by the next process: an unchanged file is not parsed again', async () => {
    const home = await demoCopy();
    const cli = join(packageRoot(), 'bin', 'nightshift.js');
    const describe = () => {
      const out = JSON.parse(
        execFileSync(process.execPath, [cli, '--home', home, 'status', '--json'], { encoding: 'utf8' }),
      ) as {
        agents: Array<{ name: string; description?: string }>;
      };
      return out.agents.find((agent) => agent.name === 'inbox-digest')?.description;
    };
    const original = describe();
    expect(original).toBeTruthy();
    // Plant a different description under the same key: only a process that trusts the cache shows it.
    const stored = JSON.parse(await readFile(cacheOf(home), 'utf8'));
    stored.entries['agents/inbox-digest.md'].value.agent.description = 'from the cache';
    await writeFile(cacheOf(home), JSON.stringify(stored));
    expect(describe()).toBe('from the cache');
  });
});
