import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/agents/index.js';
import { CorruptFileError } from '../../src/shared/errors.js';
import { agentDefaultsFrom } from '../../src/home/index.js';
import { defaultConfig, loadConfig } from '../../src/home/config.js';
import { configSchemas, parseConfigText } from '../../src/home/config-schema.js';
import { packageRoot } from '../../src/files/index.js';
import { configFile } from '../../src/home/templates/config-file.js';

describe('nightshift.yaml', () => {
  it('a home without the file gets exactly what the schema makes of an empty one', async () => {
    expect(defaultConfig()).toEqual(configSchemas().config.parse({}));
    const dir = await mkdtemp(join(tmpdir(), 'ns-noconfig-'));
    const loaded = await loadConfig(join(dir, 'nightshift.yaml'));
    expect(loaded.fromFile).toBe(false);
    expect(loaded.config).toEqual(configSchemas().config.parse({}));
    // a fresh object each time: a caller that changes its copy changes nobody else's
    expect(defaultConfig()).not.toBe(defaultConfig());
  });

  it('fills the agent defaults from the file', () => {
    const parsed = parseConfigText('timezone: UTC\ndefaults:\n  limits: { time: 2m, calls: 3 }\n  grace: 10m\n');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const defaults = agentDefaultsFrom(parsed.config);
    expect(defaults.timezone).toBe('UTC');
    expect(defaults.limits).toMatchObject({ time: 120_000, calls: 3, cost_usd: 2 });
    expect(defaults.grace).toBe(600_000);
  });

  it('names the field of a wrong value and suggests the key a typo meant', () => {
    const parsed = parseConfigText('timezone: Nowhere/Land\ndefualts: {}\nharness:\n  kill_grace: soon\n');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map(formatProblem)).toEqual(
      expect.arrayContaining([
        'nightshift.yaml: timezone: "Nowhere/Land" is not a time zone: expected an IANA name like Europe/Berlin or UTC',
        expect.stringMatching(/^nightshift\.yaml: defualts: unknown key \(did you mean "defaults"\?\)/),
        'nightshift.yaml: harness.kill_grace: "soon" is not a duration: expected a number and a unit, like 30s, 5m, 2h or 7d',
      ]),
    );
  });

  it('refuses a key given twice, naming the key and both lines', async () => {
    const text = 'timezone: UTC\nharness:\n  kill_grace: 1s\n  kill_grace: 5s\ntimezone: Europe/Berlin\n';
    const parsed = parseConfigText(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map(formatProblem)).toEqual([
      'nightshift.yaml: harness.kill_grace: line 4: the key "kill_grace" is given twice, on lines 3 and 4: ' +
        'keep one (YAML would otherwise have to guess which one counts)',
      'nightshift.yaml: timezone: line 5: the key "timezone" is given twice, on lines 1 and 5: keep one (YAML would otherwise have to guess which one counts)',
    ]);
    // and every command that opens the home stops on it, with the file's path
    const dir = await mkdtemp(join(tmpdir(), 'ns-config-dup-'));
    await writeFile(join(dir, 'nightshift.yaml'), text);
    const error = await loadConfig(join(dir, 'nightshift.yaml')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptFileError);
    expect((error as Error).message).toContain(
      'harness.kill_grace: line 4: the key "kill_grace" is given twice, on lines 3 and 4',
    );
  });

  it('refuses a notify command the kernel would not start (E2BIG), as a string for sh -c or as a list', () => {
    const long = 'x'.repeat(128 * 1024);
    const problems = (text: string) => {
      const parsed = parseConfigText(text);
      return parsed.ok ? [] : parsed.problems.map(formatProblem);
    };
    expect(problems(`notify:\n  command: "${long}"\n`)).toEqual([
      'nightshift.yaml: notify.command: is 128KB (131072 bytes), and it runs as one argument of sh -c, which ' +
        'may hold at most 131071 bytes: put the command in a script and call that',
    ]);
    expect(problems(`notify:\n  command: [notify-send, "${long}"]\n`)).toEqual([
      'nightshift.yaml: notify.command.1: is 128KB (131072 bytes), and one argument may hold at most 131071 ' +
        'bytes (the kernel refuses more: E2BIG): pass the text in a file instead',
    ]);
    expect(problems(`notify:\n  command: [notify-send, "${long.slice(1)}"]\n`)).toEqual([]);
  });

  it('uses built-in defaults when the file is missing, and refuses a broken one with its path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ns-config-'));
    const missing = await loadConfig(join(dir, 'nightshift.yaml'));
    expect(missing.fromFile).toBe(false);
    expect(missing.defaults.limits.calls).toBe(10);
    await writeFile(join(dir, 'nightshift.yaml'), 'defaults:\n  limits:\n    calls: many\n');
    const error = await loadConfig(join(dir, 'nightshift.yaml')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptFileError);
    expect((error as Error).message).toContain(`${join(dir, 'nightshift.yaml')}: is not valid`);
    expect((error as Error).message).toContain('defaults.limits.calls: "many" is not a number');
  });

  it('keeps the parsed file in a cache that the next load trusts only while the text is unchanged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ns-config-cache-'));
    const file = join(dir, 'nightshift.yaml');
    const cache = join(dir, 'run', 'config.cache.json');
    for (const source of [
      configFile('Europe/Berlin'),
      await readFile(join(packageRoot(), 'fixtures', 'demo-home', 'nightshift.yaml'), 'utf8'),
    ]) {
      await writeFile(file, source);
      const parsed = await loadConfig(file, cache);
      // what the cache gives back is what parsing gives
      expect(await loadConfig(file, cache)).toEqual(parsed);
      expect(JSON.parse(await readFile(cache, 'utf8')).entries['nightshift.yaml'].value).toEqual(
        JSON.parse(JSON.stringify(parsed.config)),
      );
    }
    // a planted value under the same key is used: the cache is really read
    const stored = JSON.parse(await readFile(cache, 'utf8'));
    stored.entries['nightshift.yaml'].value.timezone = 'Asia/Tokyo';
    await writeFile(cache, JSON.stringify(stored));
    expect((await loadConfig(file, cache)).defaults.timezone).toBe('Asia/Tokyo');
    // an edit is parsed again, and a broken edit is refused whatever the cache holds
    await writeFile(file, 'timezone: UTC\n');
    expect((await loadConfig(file, cache)).defaults.timezone).toBe('UTC');
    await writeFile(file, 'timezone: [\n');
    await expect(loadConfig(file, cache)).rejects.toBeInstanceOf(CorruptFileError);
    await expect(loadConfig(file, cache)).rejects.toBeInstanceOf(CorruptFileError);
  });
});
