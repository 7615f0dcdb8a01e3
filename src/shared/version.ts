import { randomUUID } from 'node:crypto';

/** Kept in step with package.json by a test; records carry it so a run can be traced to a release. */
export const VERSION = '0.1.0';

declare const __NIGHTSHIFT_BUILD_ID__: string | undefined;

/**
 * Identifies the code itself, not the release: a hash of the sources the
 * build saw (scripts/build.mjs). Caches of parsed files key on it, so a
 * checkout that changed the schema without a version bump never trusts what
 * older code parsed. Run from source (tests), every process is its own build.
 */
export const BUILD_ID: string =
  typeof __NIGHTSHIFT_BUILD_ID__ === 'string' ? __NIGHTSHIFT_BUILD_ID__ : `source-${randomUUID()}`;
