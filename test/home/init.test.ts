import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAgents } from '../../src/agents/index.js';
import { initHome } from '../../src/home/index.js';
import { loadConfig } from '../../src/home/config.js';

async function freshHome(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'ns-init-')), 'home');
}

async function modes(root: string, rel = ''): Promise<Array<[string, number]>> {
  const out: Array<[string, number]> = [];
  for (const name of await readdir(join(root, rel))) {
    const path = join(root, rel, name);
    const info = await stat(path);
    out.push([join(rel, name), info.mode & 0o777]);
    if (info.isDirectory()) out.push(...(await modes(root, join(rel, name))));
  }
  return out;
}

describe('initHome', () => {
  it('creates the home of DESIGN §1 with private modes and a valid example agent', async () => {
    const home = await freshHome();
    const result = await initHome(home, {
      nightshiftBin: '/opt/ns/bin/nightshift.js',
      owner: 'aycee',
      timezone: 'Europe/Berlin',
    });
    expect(result.kept).toEqual([]);
    for (const dir of ['agents', 'evals', 'outputs', 'logs', 'runbooks', 'scripts', 'run'])
      expect((await stat(join(home, dir))).isDirectory()).toBe(true);
    for (const [path, mode] of await modes(home)) {
      const expected = path.endsWith('.sh') || !path.includes('.') ? 0o700 : 0o600;
      expect([path, mode]).toEqual([path, expected]);
    }
    const agents = await loadAgents(join(home, 'agents'));
    expect(agents).toHaveLength(1);
    expect(agents[0]!.ok).toBe(true);
    if (agents[0]!.ok) {
      expect(agents[0]!.agent.runner.kind).toBe('extractive');
      expect(agents[0]!.agent.owner).toBe('aycee');
    }
    const agentText = await readFile(join(home, 'agents', 'nightly-summarizer.md'), 'utf8');
    expect(agentText).toContain('# kind: claude');
    const runbook = await readFile(join(home, 'runbooks', 'nightly-summarizer.md'), 'utf8');
    expect(runbook).toContain('nightshift disable nightly-summarizer');
    expect(runbook).toContain('**Owner:** aycee');
    const script = await readFile(join(home, 'scripts', 'disable-agent.sh'), 'utf8');
    expect(script).toContain("'/opt/ns/bin/nightshift.js'");
    const config = await loadConfig(join(home, 'nightshift.yaml'));
    expect(config.fromFile).toBe(true);
    expect(config.defaults.timezone).toBe('Europe/Berlin');
  });

  it('is idempotent and never overwrites a file the user changed', async () => {
    const home = await freshHome();
    await initHome(home, { nightshiftBin: 'x' });
    const agentFile = join(home, 'agents', 'nightly-summarizer.md');
    await writeFile(agentFile, 'my own edit');
    const second = await initHome(home, { nightshiftBin: 'x' });
    expect(second.created).toEqual([]);
    expect(second.kept).toContain('agents/nightly-summarizer.md');
    expect(await readFile(agentFile, 'utf8')).toBe('my own edit');
  });
});
