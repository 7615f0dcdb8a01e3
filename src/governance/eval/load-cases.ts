import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ZodType } from 'zod';
import { keysOf, loadParsers, type Problem, problemsFromZod } from '../../agents/index.js';
import type { HomePaths } from '../../home/index.js';
import type { CaseChecks, GeneratedInput } from './case-schema.js';

/**
 * Reads an agent's eval cases: every folder under evals/<agent>/ is one case
 * (folders starting with "." are skipped, loose files are notes). A broken
 * case comes back as problems naming the file and what was expected; the
 * others still load.
 */
export type CaseInput =
  { kind: 'file'; path: string; file: string } | { kind: 'generated'; spec: GeneratedInput; file: string };

export interface EvalCase {
  agent: string;
  name: string;
  /** absolute */
  dir: string;
  /** relative to the home: evals/<agent>/<case> */
  rel: string;
  input: CaseInput;
  checks: CaseChecks;
}

export interface LoadedCases {
  /** evals/<agent>/ exists */
  dirExists: boolean;
  cases: EvalCase[];
  problems: Problem[];
}

const CASE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const KNOWN_FILES = 'case.yaml with expect_status, and input.txt (or input.gen.yaml)';

async function entries(dir: string): Promise<Array<{ name: string; dir: boolean }> | null> {
  try {
    return (await readdir(dir, { withFileTypes: true })).map((e) => ({ name: e.name, dir: e.isDirectory() }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

async function readYaml<T>(
  path: string,
  file: string,
  schema: ZodType<T>,
): Promise<{ ok: true; value: T } | { ok: false; problems: Problem[] }> {
  const { parseYamlText } = await loadParsers();
  const yaml = parseYamlText(file, await readFile(path, 'utf8'));
  if (!yaml.ok) return yaml;
  const data = yaml.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return { ok: false, problems: [{ file, field: '', message: 'expected key: value lines' }] };
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(file, parsed.error, data, keysOf(schema)) };
  return { ok: true, value: parsed.data };
}

async function loadCase(
  paths: HomePaths,
  agent: string,
  name: string,
): Promise<{ ok: true; value: EvalCase } | { ok: false; problems: Problem[] }> {
  const rel = `evals/${agent}/${name}`;
  const dir = join(paths.evalsDir(agent), name);
  if (!CASE_NAME.test(name))
    return {
      ok: false,
      problems: [
        { file: `${rel}/`, field: '', message: 'is not a case name: expected letters, digits, ".", "_" and "-"' },
      ],
    };
  const files = new Set(((await entries(dir)) ?? []).filter((e) => !e.dir).map((e) => e.name));
  const problems: Problem[] = [];
  if (!files.has('case.yaml'))
    problems.push({ file: `${rel}/`, field: '', message: `has no case.yaml: expected ${KNOWN_FILES}` });
  const hasText = files.has('input.txt');
  const hasGen = files.has('input.gen.yaml');
  if (!hasText && !hasGen)
    problems.push({
      file: `${rel}/`,
      field: '',
      message:
        'has no input: expected input.txt, or input.gen.yaml describing a generated one ({repeat_line: "…", bytes: 10MB})',
    });
  if (hasText && hasGen)
    problems.push({
      file: `${rel}/`,
      field: '',
      message: 'has both input.txt and input.gen.yaml: expected one of them',
    });
  // zod's schemas of a case: loaded when a case is read, not with the governance room
  const { caseSchema, generatedInputSchema } = await import('./case-schema.js');
  let checks: CaseChecks | undefined;
  if (files.has('case.yaml')) {
    const read = await readYaml(join(dir, 'case.yaml'), `${rel}/case.yaml`, caseSchema);
    if (read.ok) checks = read.value;
    else problems.push(...read.problems);
  }
  let input: CaseInput | undefined;
  if (hasText && !hasGen) input = { kind: 'file', path: join(dir, 'input.txt'), file: `${rel}/input.txt` };
  if (hasGen && !hasText) {
    const read = await readYaml(join(dir, 'input.gen.yaml'), `${rel}/input.gen.yaml`, generatedInputSchema);
    if (read.ok) input = { kind: 'generated', spec: read.value, file: `${rel}/input.gen.yaml` };
    else problems.push(...read.problems);
  }
  if (problems.length > 0 || !checks || !input) return { ok: false, problems };
  return { ok: true, value: { agent, name, dir, rel, input, checks } };
}

export async function loadCases(paths: HomePaths, agent: string): Promise<LoadedCases> {
  const listing = await entries(paths.evalsDir(agent));
  if (listing === null) return { dirExists: false, cases: [], problems: [] };
  const names = listing
    .filter((e) => e.dir && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const out: LoadedCases = { dirExists: true, cases: [], problems: [] };
  for (const name of names) {
    const loaded = await loadCase(paths, agent, name);
    if (loaded.ok) out.cases.push(loaded.value);
    else out.problems.push(...loaded.problems);
  }
  return out;
}
