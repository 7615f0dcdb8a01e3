/**
 * The readers of text people write, for the rooms that parse files of their
 * own (nightshift.yaml, eval cases, schedule edits). Reached through
 * `loadParsers()` in the door, never imported statically: yaml and zod are
 * heavy, and a command whose files the parse caches know never loads them.
 */
export { agentSchemas } from './schema.js';
export { splitFrontMatter } from './frontmatter.js';
export { parseYamlText } from './yaml-text.js';
/** YAML written for other tools (`export k8s`): the same package that reads it. */
export { stringify as stringifyYaml } from 'yaml';
