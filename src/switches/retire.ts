import { lstat, mkdir, rename } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import type { Home, HomePaths } from '../home/index.js';
import { applyChange, entryOf, readState, type ChangeResult, type ChangeSource } from '../state/index.js';
import { NightshiftError, UsageError } from '../shared/index.js';
import { refreshCronBlockIfInstalled } from '../crontab/index.js';

/**
 * Retiring an agent (issue 17 part 4): the state first, then the files.
 *
 * `retire` records the state `retired` before it moves anything, and
 * `unretire` moves everything back before it records the state `disabled`.
 * So at every moment a move is unfinished, state.json says retired and
 * nothing runs the agent. Each piece (agent file, runbook, eval folder) moves
 * with one rename, which is atomic on the home's file system: a crash leaves
 * each piece wholly on one side, never lost or half-copied. Running either
 * command again finishes the job in its direction, because a piece already
 * where it should be is left alone. A piece present on both sides is a
 * conflict no command resolves by guessing: it is refused before anything
 * changes, naming both files.
 */
export interface RetiredPiece {
  what: 'agent file' | 'runbook' | 'eval cases';
  live: string;
  retired: string;
}

export interface RetireOutcome {
  change: ChangeResult;
  /** the pieces moved by this call, home-relative `from` → `to`; empty when nothing was left to move */
  moved: Array<{ what: RetiredPiece['what']; from: string; to: string }>;
}

export interface RetireOptions {
  reason?: string | null;
  by?: string;
  source: ChangeSource;
  onWarning?: (message: string) => void;
  now?: Date;
}

/** The agent file moves first on retire (the agent leaves the fleet at once) and last on unretire (it comes back whole). */
export function retiredPieces(paths: HomePaths, agent: string): RetiredPiece[] {
  return [
    { what: 'agent file', live: paths.agentFile(agent), retired: paths.retiredAgentFile(agent) },
    { what: 'runbook', live: paths.runbookFile(agent), retired: paths.retiredRunbookFile(agent) },
    { what: 'eval cases', live: paths.evalsDir(agent), retired: paths.retiredEvalsDir(agent) },
  ];
}

export async function retireAgent(home: Home, agent: string, options: RetireOptions): Promise<RetireOutcome> {
  if (!options.reason?.trim())
    throw new UsageError(`retire needs a reason: it stays in logs/changes.jsonl and the registry`, {
      field: '--reason',
      expected: 'why the agent is retired, e.g. --reason "the team moved to the new tracker"',
      actual: 'none',
    });
  const pieces = await locate(home.paths, agent);
  const agentFile = pieces[0]!;
  if (!agentFile.liveExists && !agentFile.retiredExists)
    throw new UsageError(`unknown agent "${agent}": neither agents/${agent}.md nor retired/agents/${agent}.md exists`, {
      field: 'agent',
      actual: agent,
      expected: `a file agents/${agent}.md`,
      fix: 'list the agents with `nightshift validate`',
    });
  refuseConflicts(home.paths, agent, pieces, 'retire');
  const change = await applyChange(
    home.paths,
    { action: 'retire', agent, reason: options.reason, by: options.by, source: options.source },
    options.now ?? new Date(),
    home.defaults.timezone,
  );
  const moved = await movePieces(home.paths, pieces, 'retire');
  await follow(home, options);
  return { change, moved };
}

export async function unretireAgent(home: Home, agent: string, options: RetireOptions): Promise<RetireOutcome> {
  const pieces = await locate(home.paths, agent);
  const state = await readState(home.paths);
  const retiredState = entryOf(state, agent).state === 'retired';
  const anyRetired = pieces.some((piece) => piece.retiredExists);
  if (!retiredState && !anyRetired)
    throw new UsageError(`${agent} is not retired: nothing under retired/ and state.json does not say so`, {
      field: 'agent',
      actual: agent,
      expected: `an agent listed under "Retired" by \`nightshift registry\``,
    });
  if (!retiredState && pieces[0]!.liveExists)
    throw liveConflict(home.paths, agent, `a live agent named ${agent} exists (agents/${agent}.md)`);
  refuseConflicts(home.paths, agent, pieces, 'unretire');
  // every piece back before the state changes: until then the agent stays retired, so nothing runs a half-restored agent
  const moved = await movePieces(home.paths, [...pieces].reverse(), 'unretire');
  const change = await applyChange(
    home.paths,
    {
      action: 'unretire',
      agent,
      reason: options.reason ?? 'unretired',
      by: options.by,
      source: options.source,
    },
    options.now ?? new Date(),
    home.defaults.timezone,
  );
  await follow(home, options);
  return { change, moved };
}

interface Located extends RetiredPiece {
  liveExists: boolean;
  retiredExists: boolean;
}

async function locate(paths: HomePaths, agent: string): Promise<Located[]> {
  return Promise.all(
    retiredPieces(paths, agent).map(async (piece) => ({
      ...piece,
      liveExists: await exists(piece.live),
      retiredExists: await exists(piece.retired),
    })),
  );
}

function refuseConflicts(paths: HomePaths, agent: string, pieces: Located[], verb: 'retire' | 'unretire'): void {
  const both = pieces.filter((piece) => piece.liveExists && piece.retiredExists);
  if (both.length === 0) return;
  const names = both.map((piece) => `${rel(paths, piece.live)} and ${rel(paths, piece.retired)}`).join('; ');
  throw liveConflict(
    paths,
    agent,
    `both ${names} exist, so ${verb} cannot tell which ${agent} is meant (an earlier ${agent} was retired and another made since?)`,
  );
}

function liveConflict(paths: HomePaths, agent: string, message: string): NightshiftError {
  return new NightshiftError(
    'RETIRE_CONFLICT',
    message,
    {
      file: paths.retiredAgentFile(agent),
      expected: 'each of the agent file, runbook and eval folder on one side only (agents/… or retired/…)',
      actual: 'present on both sides',
      fix: `rename one of them (e.g. the live agent to another name with its runbook and evals), then run the command again`,
    },
    2,
  );
}

async function movePieces(
  paths: HomePaths,
  pieces: Located[],
  verb: 'retire' | 'unretire',
): Promise<RetireOutcome['moved']> {
  const moved: RetireOutcome['moved'] = [];
  for (const piece of pieces) {
    const from = verb === 'retire' ? piece.live : piece.retired;
    const to = verb === 'retire' ? piece.retired : piece.live;
    if (!(await exists(from))) continue; // already moved by an earlier, interrupted call, or never there
    await mkdir(dirname(to), { recursive: true });
    try {
      await rename(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new NightshiftError(
        'RETIRE_MOVE',
        `could not move ${rel(paths, from)} to ${rel(paths, to)} (${code}); the pieces moved so far stay where they are and the agent stays retired`,
        {
          file: from,
          expected: `${rel(paths, to)} on the same file system as the home`,
          actual: code,
          fix: `fix the cause, then run \`nightshift ${verb}\` again: it moves what is left`,
          cause: error,
        },
      );
    }
    moved.push({ what: piece.what, from: rel(paths, from), to: rel(paths, to) });
  }
  return moved;
}

/** In plain-cron mode the crontab block must lose (or regain) the agent's line; the change stands if that fails. */
async function follow(home: Home, options: RetireOptions): Promise<void> {
  try {
    await refreshCronBlockIfInstalled(home);
  } catch (error) {
    options.onWarning?.(
      `the change is made, but the crontab block could not follow it: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

function rel(paths: HomePaths, path: string): string {
  return relative(paths.root, path);
}
