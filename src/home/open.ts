import { HomeMissingError, UsageError } from '../shared/index.js';
import { type LoadedConfig, loadConfig } from './config.js';
import { folderAt } from './home-folder.js';
import { journalHost } from './hosts.js';
import { type HomePaths, homePaths, resolveHome } from './paths.js';

export interface Home extends LoadedConfig {
  root: string;
  paths: HomePaths;
}

/**
 * Finds the home (flag, env, default), checks it is one, and loads
 * nightshift.yaml: the one place every command opens a home, so a path that
 * is no home gets the same clear answer (exit 2) from each.
 */
export async function openHome(flag?: string, env: NodeJS.ProcessEnv = process.env): Promise<Home> {
  const root = resolveHome(flag, env);
  const paths = homePaths(root);
  if ((await folderAt(root, 'a nightshift home')) === 'missing') throw new HomeMissingError(root);
  if ((await folderAt(paths.agents, "the home's agents folder")) === 'missing') {
    throw new UsageError(
      `${root} has no agents/ folder, so it is not a nightshift home: run \`nightshift init --home ${root}\``,
      {
        file: root,
        expected: 'a folder made by `nightshift init`',
        actual: 'a folder without agents/',
        fix: `nightshift init --home ${root}`,
      },
    );
  }
  const loaded = await loadConfig(paths.config, paths.configCache);
  return { root, paths: homePaths(root, journalHost(loaded.config, env)), ...loaded };
}
