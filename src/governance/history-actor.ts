import { userInfo } from 'node:os';

/**
 * Who a review mark or a schedule change is recorded as: $USER, as for every
 * other change (DESIGN §6), else the account name.
 */
export function currentUser(env: NodeJS.ProcessEnv = process.env): string {
  if (env.USER) return env.USER;
  try {
    return userInfo().username;
  } catch {
    return 'unknown'; // no passwd entry (some containers): still record who we can
  }
}
