import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeHome, nodeAgent, type TestHome } from '../harness/support/home.js';
import { cli, type Ran } from '../support/cli.js';
import { waitFor } from '../support/procs.js';

/**
 * Untrusted text never reaches a terminal raw. An agent's output, its stderr
 * (so its failure reason), its description and owner, its runbook, a change
 * reason, a review note, an alert and an eval diff all hold escape sequences
 * that would write the clipboard (OSC 52), retitle the terminal (OSC 0),
 * clear the screen, ring the bell, start a C1 CSI or reorder the line
 * (bidi overrides). Every command that prints them, through the real CLI,
 * must show them instead: no raw control character but newline and tab, and
 * with colour on, no escape sequence but nightshift's own colours.
 *
 * Table-driven: a new command that prints foreign text is one more row.
 */

// eslint-disable-next-line no-control-regex
const HOSTILE =
  'A\x1b]52;c;cHduZWQ=\x07B\x1b]0;owned\x07C\x1b[2JD\x07E\u009b31mF\u202eG\u2066H\x1b[31mI\x1b[39mJ\rK\x7fL\u0085M\u200fN';
/** How a person sees it: the same text with every control shown (ESC ^[, BEL ^G, CR ^M, DEL ^?, C1 and bidi as <U+XXXX>). */
const SHOWN =
  'A^[]52;c;cHduZWQ=^GB^[]0;owned^GC^[[2JD^GE<U+009B>31mF<U+202E>G<U+2066>H^[[31mI^[[39mJ^MK^?L<U+0085>M<U+200F>N';
/** A piece of the shown form short enough to survive a table cell cut to its width. */
const SHOWN_START = 'A^[]52;c;';

/** Every character that must not reach a terminal raw: C0 but newline and tab, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** nightshift's own colours (src/cli/style.ts): the only escape sequences allowed, and only with colour on. */
// eslint-disable-next-line no-control-regex
const OWN_SGR = /\x1b\[(?:1|2|22|3[1-6]|39|90)m/g;

interface Row {
  /** the command line, without --home */
  args: string[];
  /** stdout is one JSON document that holds the hostile text (parsed back, it is the raw text: escaped, not lost) */
  json?: boolean;
  /** FORCE_COLOR=1: nightshift's own colours stay, foreign ones are shown */
  color?: boolean;
  /** what must appear in stdout or stderr, shown: proves the foreign text was printed at all */
  shows?: string;
  /** a file the command writes for people to read, checked like stdout */
  file?: string;
}

/** Commands that put the hostile text into the home, run in order before the others; what they print counts too. */
const SETUP: Row[] = [
  { args: ['run', 'failing'], shows: SHOWN }, // the stderr excerpt is the failure reason
  { args: ['run', 'failing', '--json'], json: true },
  { args: ['review', 'mark', 'hostile', '--note', HOSTILE], shows: SHOWN },
  { args: ['review', 'mark', 'failing', '--note', HOSTILE, '--json'], json: true },
  { args: ['pause', 'hostile', '--reason', HOSTILE], shows: SHOWN },
  { args: ['resume', 'hostile', '--reason', HOSTILE, '--json'], json: true },
  { args: ['kill', 'slow', '--reason', HOSTILE], shows: SHOWN }, // started in the background by beforeAll
];

/** Commands that read it back, run in this order after SETUP. */
const READERS: Row[] = [
  { args: ['status'], shows: '<U+202E>' }, // the invalid agent's problem, which quotes its value
  { args: ['status', '--json'], json: true },
  { args: ['logs'], shows: 'the command' },
  { args: ['logs'], color: true, shows: 'RUNNER_FAILED' },
  { args: ['logs', '--json'], json: true },
  { args: ['history', 'hostile'], shows: SHOWN },
  { args: ['history', 'hostile', '--json'], json: true },
  { args: ['review', '--seed', '1'], shows: SHOWN },
  { args: ['review', '--seed', '1', '--markdown'], shows: SHOWN },
  { args: ['review', '--seed', '1', '--json'], json: true },
  { args: ['registry'], shows: SHOWN_START },
  { args: ['registry', '--markdown'], shows: SHOWN },
  { args: ['registry', '--write'], file: 'REGISTRY.md' },
  { args: ['registry', '--json'], json: true },
  { args: ['costs'], shows: SHOWN_START },
  { args: ['costs', '--json'], json: true },
  { args: ['doctor'], shows: SHOWN },
  { args: ['doctor', '--json'], json: true },
  { args: ['check'], shows: SHOWN },
  { args: ['check', '--json'], json: true },
  { args: ['validate'], shows: '<U+202E>' },
  { args: ['validate', '--json'], json: true },
  { args: ['run', 'broken'], shows: '<U+202E>' }, // refused: the problems go to stderr
  { args: ['run', 'broken', '--json'], json: true },
  { args: ['logs', HOSTILE], shows: SHOWN }, // an unknown agent, named in the error
  { args: ['logs', HOSTILE, '--json'], json: true },
  { args: [HOSTILE], shows: SHOWN }, // an unknown command, named by commander
  // the diff against the baseline quotes the output's headings
  { args: ['eval', 'hostile'], shows: 'format changed: headings ["Report A\\u001b]52;c;cHduZWQ=\\u0007B' },
  { args: ['eval', 'hostile'], shows: '<U+009B>31mF<U+202E>G<U+2066>H' },
  { args: ['eval', 'hostile', '--json'], json: true },
  // last, as the global stop would refuse the runs above: its reason in the status line, painted red
  { args: ['stop-all', '--reason', HOSTILE], shows: SHOWN },
  { args: ['status'], shows: 'GLOBAL STOP' },
  { args: ['status'], color: true, shows: SHOWN },
  { args: ['console'], shows: SHOWN }, // not a terminal: the status, as text
  { args: ['start-all', '--reason', HOSTILE], shows: SHOWN },
];

// the heading without the CR, which would end it: the eval's diff quotes headings
const OUTPUT = `# Report ${HOSTILE.replace('\r', '')}\n- first ${HOSTILE}\n- second\nSTATUS: OK\nEND_OF_RUN\n`;

let home: TestHome;
const ran = new Map<Row, Ran>();

const runRow = (row: Row): Promise<Ran> =>
  cli([...row.args, '--home', home.root], { env: row.color ? { NO_COLOR: '', FORCE_COLOR: '1' } : {} });

beforeAll(async () => {
  home = await makeHome();
  await home.writeAgent('hostile', {
    ...nodeAgent(`process.stdout.write(${JSON.stringify(OUTPUT)})`),
    description: `hostile ${HOSTILE}`,
    owner: `ops ${HOSTILE}`,
  });
  await home.writeAgent(
    'failing',
    nodeAgent(`process.stderr.write(${JSON.stringify(`bad ${HOSTILE}\n`)}); process.exit(9)`),
  );
  await home.writeAgent('slow', { ...nodeAgent('setTimeout(() => {}, 60000)'), limits: { time: '60s' } });
  // a problem that quotes the file's own value
  await home.writeFile(
    'agents/broken.md',
    `---\nname: broken\ndescription: x\nretention: ${JSON.stringify(HOSTILE)}\n---\nbody\n`,
  );
  await home.writeFile('runbooks/hostile.md', `# Runbook: hostile ${HOSTILE}\n\nStop it: nightshift disable hostile\n`);
  // an eval case whose baseline has other headings: the diff quotes the new ones
  await home.writeFile('evals/hostile/typical/input.txt', 'anything\n');
  await home.writeFile(
    'evals/hostile/typical/case.yaml',
    `expect_status: OK\nrequired: [${JSON.stringify(`absent ${HOSTILE}`)}]\n`,
  );
  await home.writeFile(
    'evals/hostile/typical/baseline.md',
    '# Another heading\n- one\n- two\nSTATUS: OK\nEND_OF_RUN\n',
  );
  await home.writeFile(
    'evals/hostile/typical/baseline.json',
    '{"v":1,"status":"OK","at":"2026-01-01T00:00:00.000Z","run_id":null}\n',
  );

  // its output (the review's random draw) and its record (logs, costs, registry)
  expect((await cli(['run', 'hostile', '--home', home.root])).code).toBe(0);
  const slow = cli(['run', 'slow', '--home', home.root]);
  const lock = join(home.root, 'run', 'slow.lock');
  if (!(await waitFor(() => existsSync(lock), 15_000))) throw new Error('the slow agent never started');
  for (const row of SETUP) ran.set(row, await runRow(row));
  await slow;
}, 120_000);

afterAll(async () => home?.remove());

/** The check every row gets: the hostile text shown, never obeyed. */
async function expectShown(row: Row, result: Ran): Promise<void> {
  const printed = `${result.stdout}${result.stderr}`;
  if (row.json) {
    // one document, 7-bit safe for every control; parsed back, the foreign text is there (escaped, not lost)
    expect(result.stdout).not.toMatch(RAW);
    expect(JSON.stringify(JSON.parse(result.stdout))).toMatch(/E\u009b31mF\u202eG\u2066H/);
  }
  const own = row.color ? printed.replace(OWN_SGR, '') : printed;
  if (row.color) expect(printed).toMatch(OWN_SGR); // nightshift's colours are kept
  expect(own).not.toMatch(RAW);
  if (row.shows) expect(printed).toContain(row.shows);
  if (row.file) {
    const text = await readFile(join(home.root, row.file), 'utf8');
    expect(text).not.toMatch(RAW);
    expect(text).toContain(SHOWN);
  }
}

const label = (row: Row) =>
  `${row.args.map((a) => (a === HOSTILE ? '<hostile>' : a)).join(' ')}${row.color ? ' (FORCE_COLOR)' : ''}`;

describe('commands that take the hostile text in print it shown', () => {
  test.each(SETUP.map((row) => [label(row), row] as const))('%s', async (_name, row) => {
    await expectShown(row, ran.get(row)!);
  });
});

describe('commands that read it back print it shown', () => {
  test.each(READERS.map((row) => [label(row), row] as const))('%s', async (_name, row) => {
    await expectShown(row, await runRow(row));
  });
});
