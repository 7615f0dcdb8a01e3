import { MIN_SECRET_LENGTH, type Secret, type SecretSource, secretList } from './secret-set.js';

/**
 * The one redaction every text from a run passes before it is stored or sent
 * (issue 12 §5: no piece of a secret is ever stored or sent). Pure.
 *
 * - A whole secret becomes `[redacted:NAME]`, so an operator still sees which
 *   key leaked where.
 * - So does any run of PIECE_LENGTH or more characters of a secret, wherever
 *   it stands: a secret that some program upstream cut (a tail buffer, a
 *   server's excerpt, a line split in two) no longer matches whole, yet its
 *   pieces would leak most of it.
 * - At an edge where the text itself was cut, even a shorter start or end of
 *   a secret (MIN_SECRET_LENGTH or more characters) is one: redactEdges.
 */
export const PIECE_LENGTH = 8;

export function marker(secret: Secret): string {
  return `[redacted:${secret.name}]`;
}

export function redact(text: string, source: SecretSource): string {
  const secrets = secretList(source);
  if (secrets.length === 0 || text.length < MIN_SECRET_LENGTH) return text;
  // one scan finds whole secrets and pieces alike; a secret shorter than a piece can only be found whole, and after
  // the long ones, so one inside a longer secret never splits it into pieces too short to be found
  let out = redactRuns(text, secrets);
  for (const secret of secrets) {
    if (secret.value.length < PIECE_LENGTH && out.includes(secret.value))
      out = out.split(secret.value).join(marker(secret));
  }
  return out;
}

/** Which edges of a text are cuts: the text went on before its start, or after its end. */
export interface CutEdges {
  start?: boolean;
  end?: boolean;
}

/**
 * For a text that was cut (a tail buffer, an excerpt): `redact`, and at each
 * cut edge the end of a secret (at the start) or its start (at the end), of
 * MIN_SECRET_LENGTH or more characters, is redacted too.
 */
export function redactFragment(
  text: string,
  source: SecretSource,
  edges: CutEdges = { start: true, end: true },
): string {
  const secrets = secretList(source);
  return redactEdges(redact(text, secrets), secrets, edges);
}

/** The edge rule alone, for a text already passed through `redact`. */
export function redactEdges(text: string, secrets: readonly Secret[], edges: CutEdges): string {
  let out = text;
  if (edges.end) {
    const found = longestAffixOf(out, secrets, 'end');
    if (found) out = `${out.slice(0, out.length - found.length)}${marker(found.secret)}`;
  }
  if (edges.start) {
    const found = longestAffixOf(out, secrets, 'start');
    if (found) out = `${marker(found.secret)}${out.slice(found.length)}`;
  }
  return out;
}

function longestAffixOf(
  text: string,
  secrets: readonly Secret[],
  edge: 'start' | 'end',
): { secret: Secret; length: number } | null {
  let best: { secret: Secret; length: number } | null = null;
  for (const secret of secrets) {
    const length = longestAffix(text, secret.value, edge);
    if (length > 0 && (!best || length > best.length)) best = { secret, length };
  }
  return best;
}

/** How many characters at the text's end (start) are the secret's start (end): 0 below MIN_SECRET_LENGTH. */
function longestAffix(text: string, value: string, edge: 'start' | 'end'): number {
  for (let length = Math.min(value.length - 1, text.length); length >= MIN_SECRET_LENGTH; length--) {
    if (edge === 'end' ? text.endsWith(value.slice(0, length)) : text.startsWith(value.slice(value.length - length)))
      return length;
  }
  return 0;
}

// Runs: every PIECE_LENGTH-character window of every secret is indexed; the text is scanned with a rolling hash,
// so a long output costs one pass and no string per position; a hit is checked and grown to the longest run of one
// secret's characters (a whole secret is its own longest run).

interface Occurrence {
  secret: Secret;
  offset: number;
}

interface PieceIndex {
  /** a bit per low hash bits: most positions of a text are turned away by one array read, with no string made */
  table: Uint8Array;
  windows: Map<string, Occurrence[]>;
}

const TABLE_MASK = (1 << 16) - 1;

const BASE = 31;
const BASE_TOP = BASE ** (PIECE_LENGTH - 1);
const indexes = new WeakMap<readonly Secret[], PieceIndex | null>();

function hashAt(text: string, at: number): number {
  let hash = 0;
  for (let k = 0; k < PIECE_LENGTH; k++) hash = (Math.imul(hash, BASE) + text.charCodeAt(at + k)) | 0;
  return hash;
}

function pieceIndex(secrets: readonly Secret[]): PieceIndex | null {
  const known = indexes.get(secrets);
  if (known !== undefined) return known;
  const windows = new Map<string, Occurrence[]>();
  const table = new Uint8Array(TABLE_MASK + 1);
  for (const secret of secrets) {
    for (let offset = 0; offset + PIECE_LENGTH <= secret.value.length; offset++) {
      const window = secret.value.slice(offset, offset + PIECE_LENGTH);
      const list = windows.get(window);
      if (list) list.push({ secret, offset });
      else windows.set(window, [{ secret, offset }]);
      table[hashAt(secret.value, offset) & TABLE_MASK] = 1;
    }
  }
  const index = windows.size === 0 ? null : { table, windows };
  indexes.set(secrets, index);
  return index;
}

function redactRuns(text: string, secrets: readonly Secret[]): string {
  const index = pieceIndex(secrets);
  if (!index || text.length < PIECE_LENGTH) return text;
  let out = '';
  let copied = 0;
  let at = 0;
  let hash = hashAt(text, 0);
  while (at + PIECE_LENGTH <= text.length) {
    const run = index.table[hash & TABLE_MASK] === 1 ? longestRun(text, at, index) : null;
    if (run) {
      out += `${text.slice(copied, at)}${marker(run.secret)}`;
      at += run.length;
      copied = at;
      if (at + PIECE_LENGTH <= text.length) hash = hashAt(text, at);
      continue;
    }
    if (at + PIECE_LENGTH < text.length) {
      hash =
        (Math.imul(hash - Math.imul(text.charCodeAt(at), BASE_TOP), BASE) + text.charCodeAt(at + PIECE_LENGTH)) | 0;
    }
    at++;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The longest run of one secret's characters starting at `at`, at least PIECE_LENGTH long, or null. */
function longestRun(text: string, at: number, index: PieceIndex): { secret: Secret; length: number } | null {
  const found = index.windows.get(text.slice(at, at + PIECE_LENGTH));
  if (!found) return null;
  let best: { secret: Secret; length: number } | null = null;
  for (const { secret, offset } of found) {
    let length = PIECE_LENGTH;
    while (
      at + length < text.length &&
      offset + length < secret.value.length &&
      text.charCodeAt(at + length) === secret.value.charCodeAt(offset + length)
    )
      length++;
    // on a tie a whole secret names itself: "ABCDEFGH" is B=ABCDEFGH, not a piece of A=xxABCDEFGHyy
    const whole = offset === 0 && length === secret.value.length;
    if (!best || length > best.length || (length === best.length && whole)) best = { secret, length };
  }
  return best;
}
