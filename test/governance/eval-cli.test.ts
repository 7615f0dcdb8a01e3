import { describe, expect, test } from 'vitest';
import { cli, demoCopies } from './eval-support.js';

/** `nightshift eval` as built: exit codes and output modes. */
const freshDemo = demoCopies();

describe('nightshift eval (CLI)', () => {
  test('the demo nightly-summarizer passes offline: exit 0, one line per case', async () => {
    const demo = freshDemo();
    const ran = await cli(['eval', 'nightly-summarizer', '--home', demo.root]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout.match(/^PASS {2}/gm)).toHaveLength(5);
    expect(ran.stdout).toContain('nightly-summarizer: all 5 cases pass');
  });

  test('--json, --baseline', async () => {
    const demo = freshDemo();
    const ran = await cli(['eval', 'nightly-summarizer', '--baseline', '--json', '--home', demo.root]);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as { passed: boolean; cases: Array<{ baseline: string }> };
    expect(report.passed).toBe(true);
    expect(report.cases.map((c) => c.baseline)).toEqual(['stored', 'stored', 'stored', 'stored', 'stored']);
  });

  test('unknown agent exit 2; no cases exit 1, naming the folder expected', async () => {
    const demo = freshDemo();
    const unknown = await cli(['eval', 'nightly', '--home', demo.root]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown agent "nightly"');
    const none = await cli(['eval', 'inbox-digest', '--home', demo.root]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(
      'inbox-digest has no eval cases: evals/inbox-digest/ does not exist: expected one folder per case',
    );
  });
});
