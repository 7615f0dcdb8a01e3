import { userInfo } from 'node:os';

/** Who a change, a mark or a kill is recorded as when the caller does not say. */
export function currentUser(env: NodeJS.ProcessEnv = process.env): string {
  if (env.USER) return env.USER;
  try {
    return userInfo().username;
  } catch {
    return 'unknown'; // no passwd entry (some containers): still record who did it as unknown
  }
}
