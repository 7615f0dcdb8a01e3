import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { alternateScreen, anchorFrames, ENTER_ALT, guardExit, LEAVE_ALT } from '../../src/console/runtime/terminal.js';

function fakeTty(isTTY: boolean): NodeJS.WriteStream & { written: string[] } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & { written: string[] };
  stream.written = [];
  Object.assign(stream, {
    isTTY,
    columns: 100,
    rows: 30,
    write: (chunk: string) => (stream.written.push(chunk), true),
  });
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

  it('is left when the process crashes or is told to stop', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const stderr = fakeTty(false);
    const leave = vi.fn();
    const hupListeners = process.listenerCount('SIGHUP');
    const unguard = guardExit(leave, stderr);
    try {
      (process.emit as (event: string, ...args: unknown[]) => boolean)(
        'uncaughtException',
        new Error('boom'),
        'uncaughtException',
      );
      expect(leave).toHaveBeenCalledTimes(1);
      expect(exit).toHaveBeenLastCalledWith(70);
      expect(stderr.written.join('')).toMatch(/internal error.*boom/s);
      process.emit('SIGTERM', 'SIGTERM');
      expect(exit).toHaveBeenLastCalledWith(143);
      process.emit('SIGHUP', 'SIGHUP');
      expect(exit).toHaveBeenLastCalledWith(129);
      expect(leave).toHaveBeenCalledTimes(3);
    } finally {
      unguard();
      exit.mockRestore();
    }
    expect(process.listenerCount('SIGHUP')).toBe(hupListeners);
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
