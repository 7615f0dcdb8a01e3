import { userInfo } from 'node:os';

/**
 * Who the person at the keyboard is, for the `by` of a change, a review mark
 * or a kill, and the owner of a new agent: $USER, else the passwd entry.
 * With neither (some containers have no passwd entry for the uid) the
 * fallback is recorded, so the action is still written down.
 */
export function currentUser(env: NodeJS.ProcessEnv = process.env, fallback = 'unknown'): string {
  if (env.USER) return env.USER;
  try {
    return userInfo().username || fallback;
  } catch {
    return fallback;
  }
}
