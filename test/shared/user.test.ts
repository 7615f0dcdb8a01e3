import { userInfo } from 'node:os';
import { describe, expect, test } from 'vitest';
import { currentUser } from '../../src/shared/index.js';

describe('currentUser', () => {
  test('$USER first, else the passwd entry of the uid', () => {
    expect(currentUser({ USER: 'aycee' })).toBe('aycee');
    expect(currentUser({})).toBe(userInfo().username);
  });
});
