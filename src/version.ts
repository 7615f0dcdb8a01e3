/** Kept in step with package.json by a test; records carry it so a run can be traced to a release. */
export const VERSION = '0.1.0';
