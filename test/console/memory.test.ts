import { describe, expect, it } from 'vitest';
import { memoryGuard } from '../../src/console/runtime/memory.js';

describe('memoryGuard', () => {
  it('collects past the first mark without turning the backstop on', () => {
    const guard = memoryGuard(0, Number.POSITIVE_INFINITY);
    expect(guard()).toBe(false);
    expect(guard()).toBe(false);
  });

  it('turns the size-over-speed backstop on past the second mark, and keeps it on', () => {
    const guard = memoryGuard(Number.POSITIVE_INFINITY, 0);
    expect(guard()).toBe(true);
    expect(guard()).toBe(true);
  });

  it('does nothing below both marks', () => {
    expect(memoryGuard(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)()).toBe(false);
  });
});
