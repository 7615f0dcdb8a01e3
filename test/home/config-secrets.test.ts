import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/agents/index.js';
import { parseConfigText } from '../../src/home/config-schema.js';
import { configFile } from '../../src/home/templates/config-file.js';

/** nightshift.yaml `secrets.env` (issue 12 §5): more variables whose values are never stored or sent. */
describe('nightshift.yaml secrets', () => {
  test('lists variable names; none by default', () => {
    const parsed = parseConfigText('secrets:\n  env: [DATABASE_URL, sentry_dsn, _X1]\n');
    expect(parsed.ok && parsed.config.secrets).toEqual({ env: ['DATABASE_URL', 'sentry_dsn', '_X1'] });
    const empty = parseConfigText('timezone: UTC\n');
    expect(empty.ok && empty.config.secrets).toEqual({ env: [] });
  });

  test('init writes the key with its default', () => {
    const parsed = parseConfigText(configFile('UTC'));
    expect(parsed.ok && parsed.config.secrets).toEqual({ env: [] });
    expect(configFile('UTC')).toMatch(/^secrets:\n {2}env: \[\]/m);
  });

  test('a value that is not a variable name, a list that is not a list, a typo: named by file and field', () => {
    const bad = parseConfigText('secrets:\n  env: [DATABASE_URL, "$TOKEN", 2FA_CODE]\n');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map(formatProblem)).toEqual([
      'nightshift.yaml: secrets.env.1: "$TOKEN": expected the name of an environment variable, like DATABASE_URL',
      'nightshift.yaml: secrets.env.2: "2FA_CODE": expected the name of an environment variable, like DATABASE_URL',
    ]);
    const notList = parseConfigText('secrets:\n  env: DATABASE_URL\n');
    expect(notList.ok).toBe(false);
    if (!notList.ok) expect(notList.problems.map(formatProblem)[0]).toMatch(/^nightshift\.yaml: secrets\.env: /);
    const typo = parseConfigText('secrets:\n  envs: [DATABASE_URL]\n');
    expect(typo.ok).toBe(false);
    if (!typo.ok)
      expect(typo.problems.map(formatProblem)[0]).toMatch(
        /^nightshift\.yaml: secrets\.envs: unknown key \(did you mean "env"\?\)/,
      );
  });
});
