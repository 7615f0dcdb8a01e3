import { describe, expect, test } from 'vitest';
import { CRONJOB_NAME_MAX, cronJobNames, labelValue, WATCHDOG_NAME } from '../../src/governance/k8s/index.js';

/** Kubernetes' own patterns (k8s.io/apimachinery/pkg/util/validation), written out here, not taken from the code under test. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

describe('CronJob names', () => {
  test('an agent is nightshift-<agent> while that fits', () => {
    expect(cronJobNames(['inbox-digest']).get('inbox-digest')).toBe('nightshift-inbox-digest');
  });

  test('a long name is cut to 52 with a hash of the whole name: the same every time, unique, a DNS label', () => {
    const a = `${'a'.repeat(45)}-one`;
    const b = `${'a'.repeat(45)}-two`;
    const names = cronJobNames([a, b]);
    for (const name of names.values()) {
      expect(name.length).toBeLessThanOrEqual(CRONJOB_NAME_MAX);
      expect(name).toMatch(DNS_LABEL);
    }
    expect(names.get(a)).not.toBe(names.get(b));
    expect(cronJobNames([b, a])).toEqual(names);
    expect(cronJobNames([a]).get(a)).toBe(names.get(a));
  });

  test('a cut that would end in "-" drops it; a 63-character name with a trailing dash still gives a label', () => {
    const name = `${'b'.repeat(32)}-${'c'.repeat(29)}-`;
    expect(name).toHaveLength(63);
    const job = cronJobNames([name]).get(name)!;
    expect(job).toMatch(DNS_LABEL);
    expect(job.length).toBeLessThanOrEqual(CRONJOB_NAME_MAX);
    expect(cronJobNames(['x-']).get('x-')).toMatch(DNS_LABEL);
  });

  test("an agent whose name would be the watchdog's, or another's hashed name, gets its own", () => {
    const names = cronJobNames(['check']);
    expect(names.get('check')).not.toBe(WATCHDOG_NAME);
    expect(names.get('check')).toMatch(/^nightshift-check-[0-9a-f]{8}$/);
    // an agent literally named like another's cut-and-hashed CronJob
    const long = 'd'.repeat(60);
    const hashed = cronJobNames([long]).get(long)!;
    const lookalike = hashed.slice('nightshift-'.length);
    const both = cronJobNames([long, lookalike]);
    expect(new Set(both.values()).size).toBe(2);
  });
});

describe('label values', () => {
  test.each([
    ['aycee', 'aycee'],
    ['Jo Smith <jo@example.com>', 'Jo-Smith-jo-example.com'],
    ['--x--', 'x'],
    ['ü', ''],
  ])('%j → %j', (text, label) => {
    expect(labelValue(text)).toBe(label);
    expect(labelValue(text)).toMatch(LABEL_VALUE);
  });

  test('at most 63 characters, still ending in a letter or digit', () => {
    const label = labelValue(`${'x'.repeat(62)}-y`);
    expect(label.length).toBeLessThanOrEqual(63);
    expect(label).toMatch(LABEL_VALUE);
  });
});
