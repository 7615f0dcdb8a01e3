import { describe, expect, it } from 'vitest';
import { BINDINGS, keyNames, keyToAction, TEXT_MODES } from '../../src/console/keymap.js';
import { inline, renderMarkdown, wrapSegments } from '../../src/console/markdown.js';
import { plainText } from '../../src/console/selectors.js';
import { searchMatches } from '../../src/console/selectors/runbook.js';
import type { Mode } from '../../src/console/state/types.js';

const RUNBOOK = `# Runbook: inbox-digest

**What it does:** Classifies the export.
**Owner:** aycee

## Stop it now

\`\`\`sh
nightshift disable inbox-digest --reason "incident"
\`\`\`

1. Look at \`logs/runs.jsonl\`.
2. By status:
   - EMPTY — the input was missing
   - TOO_LARGE — the input grew

> Stop first, investigate second.

| status | meaning |
|---|---|
| OK | fine |
| TIMEOUT | the time limit |

---
See [the docs](https://example.com/docs) and *why*.
`;

describe('markdown for runbooks', () => {
  const lines = renderMarkdown(RUNBOOK, 60).map(plainText);

  it('renders headings, kept line breaks, code, nested lists, quotes, tables and rules', () => {
    expect(lines[0]).toBe('Runbook: inbox-digest');
    expect(lines).toContain('What it does: Classifies the export.');
    expect(lines).toContain('Owner: aycee');
    expect(lines).toContain('  nightshift disable inbox-digest --reason "incident"');
    expect(lines).toContain('  1. Look at logs/runs.jsonl.');
    expect(lines).toContain('    ◦ EMPTY — the input was missing');
    expect(lines).toContain('│ Stop first, investigate second.');
    expect(lines).toContain('  status  │ meaning       ');
    expect(lines).toContain('  TIMEOUT │ the time limit');
    expect(lines.some((line) => /^─{10,}$/.test(line))).toBe(true);
    expect(lines.at(-1)).toBe('See the docs (https://example.com/docs) and why.');
  });

  it('styles inline markup', () => {
    expect(inline('a **b** `c` *d*')).toEqual([
      { text: 'a ' },
      { text: 'b', bold: true },
      { text: ' ' },
      { text: 'c', color: 'cyan' },
      { text: ' ' },
      { text: 'd', italic: true },
    ]);
    const heading = renderMarkdown('## Two', 40)[0];
    expect(heading?.[0]).toMatchObject({ text: 'Two', bold: true });
  });

  it('wraps to the width with a hanging indent and never exceeds it', () => {
    const wrapped = wrapSegments(inline('one two three four five six seven'), 12, [{ text: '• ' }], '  ').map(
      plainText,
    );
    expect(wrapped).toEqual(['• one two', '  three four', '  five six', '  seven']);
    for (const line of renderMarkdown(RUNBOOK, 30).map(plainText))
      expect(Array.from(line).length).toBeLessThanOrEqual(30);
  });

  it('finds the lines a search matches', () => {
    expect(searchMatches(renderMarkdown(RUNBOOK, 60), 'input').length).toBe(2);
    expect(searchMatches(renderMarkdown(RUNBOOK, 60), '')).toEqual([]);
  });
});

describe('keys', () => {
  it('turns Ink key events into names, a burst of keys into several', () => {
    expect(keyNames('', { escape: true, meta: true })).toEqual(['esc']);
    expect(keyNames('\r', { return: true })).toEqual(['enter']);
    expect(keyNames('', { pageDown: true })).toEqual(['pgdn']);
    expect(keyNames('', { delete: true })).toEqual(['backspace']);
    expect(keyNames('c', { ctrl: true })).toEqual(['ctrl-c']);
    expect(keyNames('G', { shift: true })).toEqual(['G']);
    expect(keyNames('STOP\r', {})).toEqual(['S', 'T', 'O', 'P', 'enter']);
    expect(keyNames('x\u007f', {})).toEqual(['x', 'backspace']);
    expect(keyNames('R', { meta: true })).toEqual(['esc', 'R']); // Esc then R, typed fast
  });

  it('routes by mode: q quits the fleet but is text in a prompt', () => {
    expect(keyToAction('q', 'fleet')).toEqual({ type: 'quit' });
    expect(keyToAction('q', 'agent')).toEqual({ type: 'back' });
    expect(keyToAction('q', 'prompt')).toEqual({ type: 'insert', text: 'q' });
    expect(keyToAction('enter', 'confirm')).toEqual({ type: 'submit' });
    expect(keyToAction('z', 'fleet')).toBeNull();
  });

  it('no mode binds one key twice, and every operator action is marked as one', () => {
    for (const [mode, bindings] of Object.entries(BINDINGS) as Array<[Mode, (typeof BINDINGS)[Mode]]>) {
      const keys = bindings.flatMap((b) => b.keys);
      expect(new Set(keys).size, mode).toBe(keys.length);
      for (const binding of bindings)
        if (binding.action.type === 'op') expect(binding.op, `${mode} ${binding.label}`).toBe(true);
    }
    expect(TEXT_MODES.has('filter')).toBe(true);
  });
});
