import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alternateScreen, anchorFrames, ENTER_ALT, LEAVE_ALT } from '../../src/console/runtime/terminal.js';

function fakeTty(isTTY: boolean): NodeJS.WriteStream & { written: string[] } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & { written: string[] };
  stream.written = [];
  Object.assign(stream, { isTTY, columns: 100, rows: 30, write: (chunk: string) => (stream.written.push(chunk), true) });
  return stream;
}

describe('the alternate screen', () => {
  it('is entered and left once each, and only on a terminal', () => {
    const tty = fakeTty(true);
    const screen = alternateScreen(tty);
    screen.enter();
    screen.enter();
    screen.leave();
    screen.leave();
    expect(tty.written).toEqual([ENTER_ALT, LEAVE_ALT]);
    const pipe = fakeTty(false);
    alternateScreen(pipe).enter();
    expect(pipe.written).toEqual([]);
  });

  it('is left when the process crashes', () => {
    const bin = resolve(process.env.NIGHTSHIFT_BIN ?? 'bin/nightshift.js');
    const module = pathToFileURL(resolve(dirname(bin), '../dist/console/runtime/terminal.js')).href;
    const script = `
      Object.defineProperty(process.stdout, 'isTTY', { value: true });
      const { alternateScreen, guardExit } = await import(${JSON.stringify(module)});
      const screen = alternateScreen(process.stdout);
      screen.enter();
      guardExit(() => screen.leave());
      setTimeout(() => { throw new Error('boom'); }, 10);`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.status).toBe(70);
    expect(result.stdout).toBe(ENTER_ALT + LEAVE_ALT);
    expect(result.stderr).toMatch(/internal error.*boom/s);
  });
});

describe('anchorFrames', () => {
  it('turns the cursor-up that starts a redraw into cursor-home, and passes the rest through', () => {
    const tty = fakeTty(true);
    const anchored = anchorFrames(tty);
    anchored.write('\x1b[28A\x1b[Gline one\n');
    anchored.write('hello\x1b[2A');
    expect(tty.written).toEqual(['\x1b[H\x1b[Gline one\n', 'hello\x1b[2A']);
    expect(anchored.columns).toBe(100);
    expect(anchored.isTTY).toBe(true);
  });
});
