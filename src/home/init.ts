import { chmod, mkdir, open } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseAgentText, systemTimeZone } from '../agents/index.js';
import { folderAt } from './home-folder.js';
import { homePaths } from './paths.js';
import { configFile } from './templates/config-file.js';
import { disableScript } from './templates/disable-script.js';
import { exampleAgent, SAMPLE_LOG } from './templates/example-agent.js';
import { runbook } from './templates/runbook.js';
import { currentUser } from '../shared/index.js';

export interface InitResult {
  home: string;
  created: string[];
  kept: string[];
}

const DIRS = ['agents', 'evals', 'outputs', 'logs', 'runbooks', 'scripts', 'run', 'samples'];

/**
 * Creates the home of DESIGN §1. Private by default (0700 folders, 0600
 * files). Never overwrites: a file that exists is kept as it is, so a second
 * run changes nothing and says so.
 */
export async function initHome(
  root: string,
  options: { nightshiftBin: string; owner?: string; timezone?: string },
): Promise<InitResult> {
  const paths = homePaths(root);
  const owner = options.owner ?? currentUser();
  const timezone = options.timezone ?? systemTimeZone();
  const created: string[] = [];
  const kept: string[] = [];

  for (const dir of ['', ...DIRS]) {
    const path = join(root, dir);
    // a file where the home or one of its folders should be: said as such, not an internal error from mkdir
    await folderAt(path, dir ? `the home's ${dir} folder` : 'a nightshift home');
    const made = await mkdir(path, { recursive: true, mode: 0o700 });
    if (made !== undefined) {
      await chmod(path, 0o700);
      created.push(`${dir || '.'}/`);
    }
  }

  const agentText = exampleAgent(owner, timezone);
  const entry = await parseAgentText(agentText, {
    name: 'nightly-summarizer',
    file: 'agents/nightly-summarizer.md',
    absolutePath: paths.agentFile('nightly-summarizer'),
  });
  const trigger = entry.ok ? entry.agent.triggerText : 'every day at 23:00';
  const files: Array<[string, string, number]> = [
    [paths.config, configFile(timezone), 0o600],
    [paths.agentFile('nightly-summarizer'), agentText, 0o600],
    [join(root, 'samples', 'daily-log.txt'), SAMPLE_LOG, 0o600],
    [
      paths.runbookFile('nightly-summarizer'),
      runbook({
        name: 'nightly-summarizer',
        owner,
        description: "Summarizes the day's activity log in three bullets.",
        trigger,
        home: root,
      }),
      0o600,
    ],
    [join(paths.scripts, 'disable-agent.sh'), disableScript(root, options.nightshiftBin), 0o700],
  ];
  for (const [path, text, mode] of files) {
    if (await writeIfMissing(path, text, mode)) created.push(relative(root, path));
    else kept.push(relative(root, path));
  }
  return { home: root, created, kept };
}

/** O_EXCL: the check and the create are one step, so a file made meanwhile is never overwritten. */
async function writeIfMissing(path: string, text: string, mode: number): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
    await handle.chmod(mode);
  } finally {
    await handle.close();
  }
  return true;
}
