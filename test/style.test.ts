import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../src/files/index.js';

/**
 * House style that a reader feels and a formatter does not fix (issue 13):
 * no nested conditional expression — a ternary whose condition or branch is
 * itself a ternary. A rule with three outcomes reads better as an if/else
 * chain in a small named function, a lookup table, an early return or a
 * switch. A ternary elsewhere inside one (in a template, a call) is its own
 * expression and allowed.
 *
 * And no line over 160 characters: Prettier wraps code at 120 columns but
 * cannot break a string or a comment, so those are split by hand — a long
 * string as a `+` concatenation of the very same text, a long comment over
 * several lines.
 */
const ROOT = packageRoot();
const WALKED = ['src', 'fixtures/generator'];
/** Every folder of hand-written code; data (captures, .json, .jsonl) keeps its own shape and is not walked. */
const LINE_WALKED = ['src', 'test', 'fixtures/generator', 'bench', 'scripts', 'bin'];
const MAX_LINE = 160;

/** Built or generated, never hand-edited: dist/, node_modules/, and dot folders such as bench/.work/ and .build/. */
function isGenerated(segment: string): boolean {
  return segment === 'dist' || segment === 'node_modules' || segment.startsWith('.');
}

function sourceFiles(dir: string, pattern = /\.tsx?$/): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .filter((file) => pattern.test(file) && !file.split(sep).some(isGenerated))
    .map((file) => `${dir}/${file.split(sep).join('/')}`)
    .sort();
}

/** The 1-based lines longer than max characters (code points, not bytes: a '─' is one). */
function longLines(text: string, max = MAX_LINE): number[] {
  return text.split('\n').flatMap((line, index) => ([...line].length > max ? [index + 1] : []));
}

/** The node itself, or what a run of parentheses around it holds. */
function unwrap(node: ts.Node): ts.Node {
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

/** The node the expression is part of, past the parentheses around it. */
function outside(node: ts.Node): ts.Node {
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent)) parent = parent.parent;
  return parent;
}

function isNested(node: ts.ConditionalExpression): boolean {
  return [node.condition, node.whenTrue, node.whenFalse].some((part) => ts.isConditionalExpression(unwrap(part)));
}

/** The 1-based lines where a nested conditional expression starts: once per chain, at its outermost ternary. */
function nestedTernaryLines(text: string, fileName: string): number[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isConditionalExpression(node) && isNested(node) && !ts.isConditionalExpression(outside(node))) {
      lines.push(file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lines;
}

describe('house style', () => {
  test('no nested ternary in src/ or the demo generator', () => {
    const files = WALKED.flatMap((dir) => sourceFiles(dir));
    expect(files.length).toBeGreaterThan(100);
    const sites = files.flatMap((file) =>
      nestedTernaryLines(readFileSync(join(ROOT, file), 'utf8'), file).map((line) => `${file}:${line}`),
    );
    expect(
      sites,
      'unfold each into an if/else chain in a small named function, a lookup table, an early return or a switch',
    ).toEqual([]);
  });

  test('the check sees a nested ternary in a branch, in the condition, through parentheses and in TSX, once per chain', () => {
    expect(nestedTernaryLines('const a = x ? 1 : y ? 2 : 3;', 'a.ts')).toEqual([1]);
    expect(nestedTernaryLines('const a = x\n  ? (y ? 1 : 2)\n  : 3;', 'a.ts')).toEqual([1]);
    expect(nestedTernaryLines('const a = (x ? y : z) ? 1 : 2;', 'a.ts')).toEqual([1]);
    expect(nestedTernaryLines('const a = w ? 0 : x ? 1 : y ? 2 : 3;', 'a.ts')).toEqual([1]);
    expect(
      nestedTernaryLines('const a = 1;\nconst b = <T,>(v: T) => <div>{v ? (w ? 1 : 2) : 3}</div>;', 'a.tsx'),
    ).toEqual([2]);
  });

  test('the check leaves a flat ternary, and one that is part of another expression in a branch', () => {
    expect(nestedTernaryLines('const a = x ? 1 : 2;', 'a.ts')).toEqual([]);
    expect(nestedTernaryLines('const a = x ? `${n} run${n === 1 ? "" : "s"}` : "";', 'a.ts')).toEqual([]);
    expect(nestedTernaryLines('const a = x ? f(y ? 1 : 2) : 3;', 'a.ts')).toEqual([]);
  });

  test('two separate chains in one file are two sites', () => {
    expect(nestedTernaryLines('const a = x ? 1 : y ? 2 : 3;\nconst b = x ? 1 : y ? 2 : 3;', 'a.ts')).toEqual([1, 2]);
  });

  test(`no line over ${MAX_LINE} characters in src/, test/, the demo generator, bench/, scripts/ or bin/`, () => {
    const files = LINE_WALKED.flatMap((dir) => sourceFiles(dir, /\.(ts|tsx|mjs|js|cjs)$/));
    expect(files.length).toBeGreaterThan(500);
    const sites = files.flatMap((file) =>
      longLines(readFileSync(join(ROOT, file), 'utf8')).map((line) => `${file}:${line}`),
    );
    expect(
      sites,
      'split a long string into a `+` concatenation of the same text (or build it from named parts), ' +
        'and wrap a long comment over several lines',
    ).toEqual([]);
  });

  test('the line check counts characters, not bytes, and names each long line', () => {
    expect(longLines(`a\n${'x'.repeat(161)}\n${'y'.repeat(160)}\n${'z'.repeat(200)}`)).toEqual([2, 4]);
    expect(longLines(`// ${'─'.repeat(157)}`)).toEqual([]);
    expect(longLines(`// ${'─'.repeat(158)}`)).toEqual([1]);
    expect(longLines('')).toEqual([]);
  });
});
