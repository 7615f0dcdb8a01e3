import { contentHash } from './content-hash.js';
import { BUILD_ID } from './version.js';

/** One remembered parse: the key of what it read, and what it made of it. */
export interface Cached<T> {
  key: string;
  value: T;
}

/**
 * The key of a parse cache's entry: a hash of everything the parse reads, with
 * the versions of the code that parses (this build's schemas, Node's time-zone
 * data), so a new nightshift or a new Node never takes an old answer.
 */
export function parseKey(...inputs: string[]): string {
  return contentHash(BUILD_ID, process.versions.node, ...inputs);
}
