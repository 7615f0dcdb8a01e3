import { describe, expect, test } from 'vitest';
import {
  binary,
  CrontabBlockError,
  findBlock,
  inheritedCronTz,
  removeBlock,
  renderBlock,
  replaceBlock,
} from '../../src/crontab/block.js';

const HOME = '/home/op/.bot-infrastructure';
const body = [
  '0 23 * * * /usr/bin/node /x/bin/nightshift.js run a --trigger cron --home /home/op/.bot-infrastructure >/dev/null',
];
const block = renderBlock(HOME, body);

/** Foreign content that must survive every operation byte for byte. */
const FOREIGN = [
  '# my own crontab, hand-written\r\n',
  'MAILTO=ops@example.com\n',
  'SHELL=/bin/bash\n',
  '\n',
  '  \t# an indented comment\n',
  '*/5 * * * * /usr/local/bin/poll --flag="a b" 2>&1 | logger -t poll\n',
  '@reboot /usr/bin/tmux new -d\n',
  '# BEGIN certbot\n',
  '0 */12 * * * certbot renew -q\n',
  '# END certbot\n',
  '# BEGIN nightshift /home/op/other-home\n',
  '0 1 * * * node nightshift.js run b --home /home/op/other-home\n',
  '# END nightshift /home/op/other-home\n',
  '# BEGIN nightshift /home/op/.bot-infrastructure-2\n',
  '# END nightshift /home/op/.bot-infrastructure-2\n',
  '0 0 * * * echo 100\\% done\n',
].join('');

describe('the managed block in a crontab text', () => {
  test('added at the end of a crontab; everything before it is the same bytes; removed again to the same text', () => {
    const installed = replaceBlock(FOREIGN, HOME, body);
    expect(installed.startsWith(FOREIGN)).toBe(true);
    expect(installed.slice(FOREIGN.length)).toBe(block);
    expect(removeBlock(installed, HOME)).toBe(FOREIGN);
  });

  test('into an empty crontab, and back to empty', () => {
    expect(replaceBlock('', HOME, body)).toBe(block);
    expect(removeBlock(block, HOME)).toBe('');
  });

  test('replaced in place, wherever it sits, leaving the lines around it alone', () => {
    const head = 'MAILTO=""\n# before\n';
    const tail = '# after\n30 4 * * * /bin/true\n';
    const text = `${head}${renderBlock(HOME, ['old line 1', 'old line 2'])}${tail}`;
    const replaced = replaceBlock(text, HOME, body);
    expect(replaced).toBe(`${head}${block}${tail}`);
    expect(removeBlock(replaced, HOME)).toBe(`${head}${tail}`);
    expect(findBlock(text, HOME)!.body).toEqual(['old line 1', 'old line 2']);
  });

  test('a last line without its newline keeps its bytes; only the separating newline is added', () => {
    const text = '0 1 * * * /bin/true';
    const installed = replaceBlock(text, HOME, body);
    expect(installed).toBe(`${text}\n${block}`);
    expect(removeBlock(installed, HOME)).toBe(`${text}\n`);
    // a block that is itself the unterminated end gets its newline (crontab refuses a file without one)
    const unterminated = `x\n${block.slice(0, -1)}`;
    expect(replaceBlock(unterminated, HOME, ['new'])).toBe(`x\n${renderBlock(HOME, ['new'])}`);
    expect(removeBlock(unterminated, HOME)).toBe('x\n');
  });

  test("other homes' blocks, including one whose path starts with ours, are never taken for ours", () => {
    expect(findBlock(FOREIGN, HOME)).toBeNull();
    expect(removeBlock(FOREIGN, HOME)).toBe(FOREIGN);
    const installed = replaceBlock(FOREIGN, HOME, body);
    expect(findBlock(installed, '/home/op/other-home')!.body).toEqual([
      '0 1 * * * node nightshift.js run b --home /home/op/other-home',
    ]);
  });

  test('CRLF files and trailing blanks on the marker lines are understood', () => {
    const text = `a\r\n# BEGIN nightshift ${HOME}  \r\nold\r\n# END nightshift ${HOME}\r\nb\r\n`;
    expect(findBlock(text, HOME)!.body).toEqual(['old']);
    expect(removeBlock(text, HOME)).toBe('a\r\nb\r\n');
  });

  test('a damaged block (BEGIN without END, two BEGINs, END first) is refused, never guessed at', () => {
    expect(() => findBlock(`# BEGIN nightshift ${HOME}\nx\n`, HOME)).toThrow(CrontabBlockError);
    expect(() =>
      replaceBlock(`# BEGIN nightshift ${HOME}\n# BEGIN nightshift ${HOME}\n# END nightshift ${HOME}\n`, HOME, body),
    ).toThrow(/2 BEGIN and 1 END/);
    expect(() => removeBlock(`# END nightshift ${HOME}\n# BEGIN nightshift ${HOME}\n`, HOME)).toThrow(
      /END before BEGIN/,
    );
  });

  test('bytes that are not UTF-8 survive (texts are handled one char per byte)', () => {
    const latin1 = Buffer.from([0x23, 0x20, 0xe9, 0xff, 0x0a]).toString('latin1'); // "# \xe9\xff\n"
    const home = binary('/home/jörg/ns');
    const installed = replaceBlock(latin1, home, ['x']);
    expect(Buffer.from(installed, 'latin1').subarray(0, 5)).toEqual(Buffer.from([0x23, 0x20, 0xe9, 0xff, 0x0a]));
    expect(Buffer.from(installed, 'latin1').toString('utf8')).toContain('# BEGIN nightshift /home/jörg/ns');
    expect(removeBlock(installed, home)).toBe(latin1);
  });

  test('the CRON_TZ in force above the block', () => {
    expect(inheritedCronTz(FOREIGN, HOME)).toBeNull();
    expect(inheritedCronTz(`CRON_TZ=Asia/Tokyo\nx\nCRON_TZ = "America/Chicago"\n${block}CRON_TZ=UTC\n`, HOME)).toBe(
      'America/Chicago',
    );
  });
});
