import { CorruptFileError, HomeMissingError, UsageError } from '../shared/index.js';
import { agentDefaultsFrom, defaultConfig, lastValidConfig, type LoadedConfig, loadConfig } from './config.js';
import { folderAt } from './home-folder.js';
import { journalHost } from './hosts.js';
import { type HomePaths, homePaths, resolveHome } from './paths.js';

export interface Home extends LoadedConfig {
  root: string;
  paths: HomePaths;
  /** set when nightshift.yaml is broken and the caller asked to go on regardless: what is wrong with it */
  configProblem?: string;
  /** with configProblem: whose settings are in force, the file's last valid ones or the built-in defaults */
  configInForce?: 'last-valid' | 'defaults';
}

export interface OpenOptions {
  /**
   * 'last-valid': a nightshift.yaml that cannot be read or is not valid
   * gives the settings it last had when valid (run/config.cache.json), else
   * the built-in defaults, and `configProblem`, instead of an error. For the
   * commands that stop things (kill, stop-all, pause, disable…), which a
   * typo in a setting none of them needs must never keep from stopping a
   * run, and for the watchdog, which must say the file is broken through the
   * channels it had. Every other command refuses, naming the fields.
   */
  brokenConfig?: 'refuse' | 'last-valid';
}

/**
 * Finds the home (flag, env, default), checks it is one, and loads
 * nightshift.yaml: the one place every command opens a home, so a path that
 * is no home gets the same clear answer (exit 2) from each.
 */
export async function openHome(
  flag?: string,
  env: NodeJS.ProcessEnv = process.env,
  options: OpenOptions = {},
): Promise<Home> {
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
  let loaded: LoadedConfig;
  let configProblem: string | undefined;
  let inForce: Home['configInForce'];
  try {
    loaded = await loadConfig(paths.config, paths.configCache);
  } catch (error) {
    if (!(error instanceof CorruptFileError) || options.brokenConfig !== 'last-valid') throw error;
    const last = await lastValidConfig(paths.configCache);
    const config = last ?? defaultConfig();
    loaded = { config, defaults: agentDefaultsFrom(config), fromFile: false };
    configProblem = error.message;
    inForce = last ? 'last-valid' : 'defaults';
  }
  const opened: Home = { root, paths: homePaths(root, journalHost(loaded.config, env)), ...loaded };
  if (configProblem !== undefined) {
    opened.configProblem = configProblem;
    opened.configInForce = inForce;
  }
  return opened;
}
