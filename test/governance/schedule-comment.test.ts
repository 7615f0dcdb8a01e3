import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { editCron } from '../../src/governance/schedule-change-edit.js';
import { exampleAgent } from '../../src/home/templates/example-agent.js';
import { cli } from '../support/cli.js';

/**
 * `nightshift schedule` keeps what says the schedule in step with it (issue
 * 15 point 5): the comment beside `cron:` that says it in words, and, in cron
 * mode, the crontab block that fires it.
 */
describe('the comment beside cron:', () => {
  test("init's example: the words follow, the # keeps its column, every other byte stays", () => {
    const text = exampleAgent('me', 'UTC');
    const edit = editCron(text, 'agents/nightly-summarizer.md', '*/5 * * * *');
    const was = '  cron: "0 23 * * *"             # every day at 23:00 ...\n';
    const now = '  cron: "*/5 * * * *"            # every 5 minutes ...\n';
    expect(text).toContain(was);
    expect(edit.text).toBe(text.replace(was, now));
    expect(edit.comment).toEqual({ before: 'every day at 23:00 ...', after: 'every 5 minutes ...' });
  });

  test('a longer value pushes the comment along by its own gap; a description without "..." gets none', () => {
    const text = '---\nname: a\ntrigger:\n  cron: "0 23 * * *" # every day at 23:00\n---\nbody\n';
    expect(editCron(text, 'f', '0 9,12,17 * * 1-5').text).toContain(
      '  cron: "0 9,12,17 * * 1-5" # at 09:00, 12:00 and 17:00, Monday through Friday\n',
    );
  });

  test("an operator's own words stay as they are", () => {
    const text = '---\nname: a\ntrigger:\n  cron: "0 23 * * *"   # after the backup\n---\nbody\n';
    const edit = editCron(text, 'f', '0 3 * * *');
    expect(edit.text).toBe(text.replace('"0 23 * * *"', '"0 3 * * *"'));
    expect(edit.comment).toBeNull();
  });
});

describe('nightshift schedule in cron mode (built CLI, a crontab(1) of files)', () => {
  let dir: string;
  let home: string;
  let env: NodeJS.ProcessEnv;
  const store = () => join(dir, 'crontab.txt');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ns-sched-cron-'));
    home = join(dir, 'home');
    // the user's crontab as a file: -l prints it, - replaces it
    const fake = join(dir, 'crontab');
    await writeFile(
      fake,
      `#!/bin/sh\nF=${JSON.stringify(store())}\ncase "$1" in\n` +
        `  -l) if [ -f "$F" ]; then cat "$F"; else echo "no crontab for $USER" >&2; exit 1; fi ;;\n` +
        `  -) cat > "$F" ;;\n  -r) rm -f "$F" ;;\n  *) exit 1 ;;\nesac\n`,
    );
    await chmod(fake, 0o755);
    env = { NIGHTSHIFT_CRONTAB: fake };
    expect((await cli(['init', '--home', home, '--timezone', 'UTC'])).code).toBe(0);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('the block runs the new schedule, the comment and the runbook follow', async () => {
    expect((await cli(['cron', 'install', '--home', home], { env })).code).toBe(0);
    expect(await readFile(store(), 'utf8')).toMatch(/^0 23 \* \* \* .* run nightly-summarizer --trigger cron /m);
    const ran = await cli(
      ['schedule', 'nightly-summarizer', '*/5 * * * *', '--reason', 'see it fire', '--home', home],
      { env },
    );
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(
      'The comment beside it follows: "# every day at 23:00 ..." → "# every 5 minutes ...".',
    );
    expect(ran.stdout).toContain('The crontab block (cron mode) runs the new schedule.');
    const crontab = await readFile(store(), 'utf8');
    expect(crontab).toMatch(/^\*\/5 \* \* \* \* .* run nightly-summarizer --trigger cron /m);
    expect(crontab).not.toMatch(/^0 23 \* \* \* /m);
    expect(await readFile(join(home, 'agents', 'nightly-summarizer.md'), 'utf8')).toContain(
      '  cron: "*/5 * * * *"            # every 5 minutes ...\n',
    );
  });
});
