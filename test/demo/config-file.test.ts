import { describe, expect, test } from 'vitest';
import { demoConfigFile } from '../../fixtures/generator/config-file.js';
import { configFile } from '../../src/home/templates/config-file.js';
import { parseConfigText } from '../../src/home/config-schema.js';

describe("the demo home's nightshift.yaml", () => {
  test("is init's file with the demo's choices written in: no line of init's drifts", () => {
    const demo = demoConfigFile('Europe/Berlin');
    const choices = /^# nightshift\.yaml —|cost_over_usd|# command:|[Pp]rices|my-local-model/;
    for (const line of configFile('Europe/Berlin').split('\n'))
      if (!choices.test(line)) expect(demo.split('\n')).toContain(line);
    const parsed = parseConfigText(demo);
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(parsed.config).toMatchObject({
        defaults: { alerts: { cost_over_usd: 1 } },
        notify: { command: ['logger', '-t', 'nightshift-alert'] },
        prices: { 'llama3.1:8b': { input: 0, output: 0 } },
      });
  });
});
