import { readdir } from 'node:fs/promises';
import { loadAgents } from '../../agents/index.js';
import { type Home, inputAcceptedAt, isAgentName } from '../../home/index.js';
import { readRuns } from '../../journal/index.js';
import { retentionRule } from '../retention/policy.js';
import { isOutputName } from '../retention/output-name.js';
import type { AgentOutputs, OutputFacts } from './plan.js';

/**
 * The facts prune decides on: every output file under outputs/<agent>/
 * named like an output, and the end of the run that wrote it
 * (from every journal of the run trail, archives included); and every
 * webhook body under inputs/<agent>/, whose name says when it came.
 */
async function listDirs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Output names always carry their stamp, so the mtime (the last resort for age) is never needed: no stat per file. */
async function outputFiles(dir: string): Promise<Array<{ name: string; mtimeMs: null }>> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isFile() && isOutputName(e.name)).map((e) => ({ name: e.name, mtimeMs: null }));
}

/** The webhook bodies: their age is in their name, so neither a stat nor the trail is needed. */
async function inputFiles(dir: string): Promise<OutputFacts[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && inputAcceptedAt(e.name) !== null)
    .map((e) => ({ name: e.name, folder: 'inputs' as const, endedAtMs: null, mtimeMs: null }));
}

/** ended_at per output file, for the files asked about only (the trail can hold a million runs). */
async function runEnds(home: Home, wanted: ReadonlySet<string>): Promise<Map<string, number>> {
  const ends = new Map<string, number>();
  if (wanted.size === 0) return ends;
  for await (const { record } of readRuns(home.paths.logs)) {
    const file = record.output_file;
    if (file === null || !wanted.has(file)) continue;
    const at = Date.parse(record.ended_at);
    ends.set(file, Math.max(at, ends.get(file) ?? at));
  }
  return ends;
}

export async function gatherOutputs(home: Home): Promise<AgentOutputs[]> {
  const entries = new Map(
    (await loadAgents(home.paths.agents, home.defaults, home.paths.agentsCache)).map((entry) => [entry.name, entry]),
  );
  const found: Array<{ agent: string; files: Array<{ name: string; mtimeMs: null }>; inputs: OutputFacts[] }> = [];
  const outputDirs = new Set((await listDirs(home.paths.outputs)).filter(isAgentName));
  const inputDirs = new Set((await listDirs(home.paths.inputs)).filter(isAgentName));
  for (const agent of [...new Set([...outputDirs, ...inputDirs])].sort()) {
    found.push({
      agent,
      files: outputDirs.has(agent) ? await outputFiles(home.paths.outputsDir(agent)) : [],
      inputs: inputDirs.has(agent) ? await inputFiles(home.paths.inputsDir(agent)) : [],
    });
  }
  const wanted = new Set(found.flatMap(({ agent, files }) => files.map((f) => `outputs/${agent}/${f.name}`)));
  const ends = await runEnds(home, wanted);
  return found.map(({ agent, files, inputs }): AgentOutputs => {
    const facts: OutputFacts[] = [
      ...files.map((f) => ({ ...f, endedAtMs: ends.get(`outputs/${agent}/${f.name}`) ?? null })),
      ...inputs,
    ];
    const entry = entries.get(agent);
    if (!entry)
      return {
        agent,
        timezone: home.defaults.timezone,
        rule: null,
        skipReason: `no agents/${agent}.md: without a definition there is no retention to apply`,
        files: facts,
      };
    if (!entry.ok)
      return {
        agent,
        timezone: home.defaults.timezone,
        rule: null,
        skipReason: `agents/${agent}.md is not valid (see \`nightshift validate\`): its retention cannot be read`,
        files: facts,
      };
    return { agent, timezone: entry.agent.timezone, rule: retentionRule(entry.agent.retention), files: facts };
  });
}
