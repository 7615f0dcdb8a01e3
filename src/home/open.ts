import { stat } from 'node:fs/promises';
import { HomeMissingError, UsageError } from '../errors.js';
import { type LoadedConfig, loadConfig } from './config.js';
import { type HomePaths, homePaths, resolveHome } from './paths.js';

export interface Home extends LoadedConfig {
  root: string;
  paths: HomePaths;
}

/** Finds the home (flag, env, default), checks it is one, and loads nightshift.yaml. */
export async function openHome(flag?: string, env: NodeJS.ProcessEnv = process.env): Promise<Home> {
  const root = resolveHome(flag, env);
  const paths = homePaths(root);
  let isDir = false;
  try {
    isDir = (await stat(root)).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (!isDir) throw new HomeMissingError(root);
  try {
    await stat(paths.agents);
  } catch {
    throw new UsageError(`${root} has no agents/ folder, so it is not a nightshift home: run \`nightshift init --home ${root}\``, {
      file: root,
      expected: 'a folder made by `nightshift init`',
      actual: 'a folder without agents/',
      fix: `nightshift init --home ${root}`,
    });
  }
  return { root, paths, ...(await loadConfig(paths.config, paths.configCache)) };
}
