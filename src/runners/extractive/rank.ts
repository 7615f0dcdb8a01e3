/**
 * Ranks log lines by how much they say. Term weights are TF-IDF-like over the
 * log itself (a word on every line says little), plus what a human skimming a
 * day log looks for: things that happened (deployed, fixed, failed,
 * investigated, a bug, an incident) and identifiers (v1.42, #487); minus
 * routine (lunch, standup). Pure and deterministic: equal scores keep file order.
 */
export interface RankedLine {
  /** position among the candidate lines */
  position: number;
  text: string;
  score: number;
}

const STOPWORDS = new Set(
  (
    'a an the and or but if then than so of to in on at by for with from into onto over under up down out off about as is are was were be been ' +
    'being it its this that these those i we you he she they me us him her them my our your their mine ours not no yes do did does done ' +
    'have has had will would can could should may might must just also very too more most some any all each both few other own same such ' +
    'only again once here there when where why how what which who whom while after before during until per via vs etc am pm'
  ).split(' '),
);

/** word stems that mark something happening; matched at the start of a token or of a hyphen part */
const SIGNAL_STEMS = [
  'deploy',
  'releas',
  'ship',
  'launch',
  'rollout',
  'rollback',
  'rolled',
  'revert',
  'hotfix',
  'patch',
  'fix',
  'resolv',
  'merged',
  'migrat',
  'upgrad',
  'fail',
  'error',
  'bug',
  'incident',
  'outage',
  'crash',
  'broke',
  'regress',
  'flaky',
  'race',
  'leak',
  'timeout',
  'latency',
  'degrad',
  'investigat',
  'root',
  'diagnos',
  'debug',
  'escalat',
  'alert',
  'paged',
  'security',
  'vulnerab',
  'postmortem',
  'blocked',
  'customer',
  'data-loss',
  'corrupt',
];

/** routine that rarely belongs in a summary; matched as whole tokens */
const BOILERPLATE = new Set([
  'lunch',
  'breakfast',
  'dinner',
  'coffee',
  'break',
  'standup',
  'stand-up',
  'meeting',
  'meetings',
  'sync',
  '1:1',
  'wrapped',
  'handed',
  'email',
  'emails',
  'inbox',
  'commute',
  'gym',
  'admin',
  'misc',
]);

const SIGNAL_WEIGHT = 2.5;
const MAX_SIGNALS = 2;
const IDENTIFIER_BONUS = 1;
const BOILERPLATE_PENALTY = 4;
const SHORT_PENALTY = 1.5;

export function tokenize(text: string): string[] {
  const tokens = text.toLowerCase().match(/#?[\p{L}\p{N}][\p{L}\p{N}._/:#-]*/gu) ?? [];
  return tokens.map((token) => token.replace(/[._/:-]+$/, '')).filter((token) => token.length > 0);
}

function contentTerms(tokens: readonly string[]): string[] {
  return [...new Set(tokens.filter((token) => !STOPWORDS.has(token)))];
}

function signalCount(terms: readonly string[]): number {
  const hits = new Set<string>();
  for (const term of terms) {
    for (const part of [term, ...term.split('-')]) {
      const stem = SIGNAL_STEMS.find((s) => part.startsWith(s));
      if (stem) hits.add(stem);
    }
  }
  return hits.size;
}

function hasIdentifier(text: string, terms: readonly string[]): boolean {
  return terms.some((term) => /\d/.test(term)) || /\b[a-z]+[A-Z]\w*|\b\w+_\w+/.test(text);
}

export function scoreLines(lines: readonly string[]): RankedLine[] {
  const termsByLine = lines.map((line) => contentTerms(tokenize(line)));
  const df = new Map<string, number>();
  for (const terms of termsByLine) for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
  const n = lines.length;
  return lines.map((text, position) => {
    const terms = termsByLine[position]!;
    const weight = terms.reduce((sum, term) => sum + Math.log(1 + n / (df.get(term) ?? 1)), 0);
    let score = weight / Math.sqrt(Math.max(1, terms.length));
    score += SIGNAL_WEIGHT * Math.min(MAX_SIGNALS, signalCount(terms));
    if (hasIdentifier(text, terms)) score += IDENTIFIER_BONUS;
    score -= BOILERPLATE_PENALTY * terms.filter((term) => BOILERPLATE.has(term)).length;
    if (terms.length <= 2) score -= SHORT_PENALTY;
    return { position, text, score };
  });
}

/** The `count` best lines, back in file order (a day reads forwards). */
export function topLines(lines: readonly string[], count: number): RankedLine[] {
  return scoreLines(lines)
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .slice(0, Math.max(0, count))
    .sort((a, b) => a.position - b.position);
}
