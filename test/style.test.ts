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
 */
const ROOT = packageRoot();
const WALKED = ['src', 'fixtures/generator'];

function sourceFiles(dir: string): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .filter((file) => /\.tsx?$/.test(file) && !file.split(sep).includes('dist'))
    .map((file) => `${dir}/${file.split(sep).join('/')}`)
    .sort();
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
    const files = WALKED.flatMap(sourceFiles);
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
});
