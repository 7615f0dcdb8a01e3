import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { appendRunRecord, type RunRecord } from '../../src/journal/index.js';
import { makeHome, type TestHome } from '../harness/support/home.js';
import { makeRunRecord } from '../support/run-record.js';

/** A home with agents of given retention, and outputs written the way the harness writes them (file + run record). */
export const NOW = new Date('2026-11-23T07:30:00.000Z');
export const DAY = 86_400_000;

export async function pruneHome(agents: Record<string, unknown>): Promise<TestHome> {
  const home = await makeHome();
  for (const [name, retention] of Object.entries(agents)) {
    await home.writeAgent(name, { runner: { kind: 'extractive' }, input: { path: 'in.txt' }, retention });
  }
  return home;
}

export function runRecord(agent: string, endedAt: Date, overrides: Partial<RunRecord> = {}): RunRecord {
  return makeRunRecord({
    run_id: randomUUID(),
    agent,
    started_at: new Date(endedAt.getTime() - 1000).toISOString(),
    ended_at: endedAt.toISOString(),
    duration_ms: 1000,
    runner: 'extractive',
    ...overrides,
  });
}

/** outputs/<agent>/<YYYY-MM-DD>.md for a run that ended `daysAgo` days before NOW, with its record. */
export async function writeOutput(
  home: TestHome,
  agent: string,
  daysAgo: number,
  options: { record?: boolean; suffix?: string; content?: string } = {},
): Promise<string> {
  const ended = new Date(NOW.getTime() - daysAgo * DAY);
  const name = `${ended.toISOString().slice(0, 10)}${options.suffix ?? ''}.md`;
  const rel = `outputs/${agent}/${name}`;
  const content = options.content ?? `Summary of ${name} for ${agent}\n- ${randomUUID()}\nSTATUS: OK\nEND_OF_RUN\n`;
  await mkdir(join(home.root, 'outputs', agent), { recursive: true });
  await writeFile(join(home.root, rel), content);
  if (options.record !== false) {
    await appendRunRecord(
      join(home.root, 'logs', 'runs.jsonl'),
      runRecord(agent, ended, { output_file: rel, output_size_bytes: Buffer.byteLength(content) }),
    );
  }
  return rel;
}

/**
 * path → sha256 of every file under root: equal before and after means nothing
 * moved. The parse caches in run/ (written by whichever command reads the
 * agents first) are not content and are left out.
 */
export function hashTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true }) as string[]) {
    if (/^run\/[^/]+\.cache\.json$/.test(entry)) continue;
    const path = join(root, entry);
    if (statSync(path).isFile())
      out.set(relative(root, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
  return out;
}

/** The real tar program's listing. */
export function tarList(archive: string): string[] {
  return execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.length > 0);
}

/** Extracts with the real tar program; name → content. */
export function tarExtract(archive: string): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'ns-untar-'));
  try {
    execFileSync('tar', ['-xzf', archive, '-C', dir]);
    return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
