import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/agents/index.js';
import { parseAgentText } from '../../src/agents/parse.js';
import { toolClass } from '../../src/agents/access.js';

/**
 * Read-only first (DESIGN §2): only tools that read are allowed without
 * `writes: true`; anything else — unknown names and MCP tools included — is
 * write-capable, network tools need `network: true`, and a permission mode
 * that stops asking needs `writes: true`. The problem names the tool and the fix.
 */
const where = { name: 'x', file: 'agents/x.md', absolutePath: '/home/agents/x.md' };

function agent(front: string): string {
  return `---\nname: x\ndescription: test agent\n${front}---\n# Task\nSummarize.\n`;
}

function problems(front: string): string[] {
  const entry = parseAgentText(agent(front), where);
  return entry.ok ? [] : entry.problems.map(formatProblem);
}

describe('tools an agent may use without declaring more', () => {
  it.each(['Read', 'Grep', 'Glob', 'LS', 'NotebookRead', 'Read, Grep, Glob', 'Read(~/notes/**)'])(
    '%s only reads: valid, and one write tool more is not',
    (tools) => {
      expect(problems(`tools: ${tools}\n`)).toEqual([]);
      expect(problems(`tools: ${tools}, Bash\n`)).toHaveLength(1);
    },
  );

  it.each([
    ['Bash'],
    ['Bash(git log *)'],
    ['Write'],
    ['Edit'],
    ['MultiEdit'],
    ['NotebookEdit'],
    ['Task'],
    ['Agent'],
    ['TodoWrite'],
    ['mcp__github__create_issue'],
    ['Frobnicate'],
    ['read'],
  ])('%s without writes: true is invalid, naming the tool and the fix', (tool) => {
    const found = problems(`tools: [Read, "${tool}"]\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^agents\/x\.md: tools: /);
    expect(found[0]).toContain(`${tool} is not read-only`);
    expect(found[0]).toContain('writes: true');
    expect(found[0]).toContain('`tools: Read`');
  });

  it('with writes: true the same tools are valid', () => {
    expect(problems('tools: Read, Bash, Edit, mcp__db__query\n')).toHaveLength(1);
    expect(problems('tools: Read, Bash, Edit, mcp__db__query\nwrites: true\n')).toEqual([]);
  });

  it('names every write tool in one problem, and keeps the read tools in the fix', () => {
    expect(problems('tools: Read, Grep, Bash, Write\n')).toEqual([
      'agents/x.md: tools: Bash, Write are not read-only (read-only tools: Read, Grep, Glob, LS, ' +
        'NotebookRead), and writes: true is not set: make it read-only with `tools: Read, Grep`, or, once it has ' +
        'run read-only for a month, add `writes: true`',
    ]);
  });

  it('network tools need network: true (writes: true is not enough), and only that', () => {
    for (const tool of ['WebFetch', 'WebSearch']) {
      const found = problems(`tools: Read, ${tool}\nwrites: true\n`);
      expect(found).toEqual([
        `agents/x.md: tools: ${tool} reaches the network, and network: true is not set: remove it from tools, or add \`network: true\``,
      ]);
      expect(problems(`tools: Read, ${tool}\nnetwork: true\n`)).toEqual([]);
    }
  });

  it('one tool outside the list is one class: toolClass', () => {
    expect(toolClass('Grep')).toBe('read');
    expect(toolClass('WebFetch(domain:example.com)')).toBe('network');
    expect(toolClass('Bash(cat *)')).toBe('write');
    expect(toolClass('mcp__fs__read_file')).toBe('write');
  });
});

describe('permission modes', () => {
  it.each(['bypassPermissions', 'acceptEdits'])('runner.permission_mode %s needs writes: true', (mode) => {
    const found = problems(`tools: Read\nrunner:\n  kind: claude\n  permission_mode: ${mode}\n`);
    expect(found).toEqual([
      `agents/x.md: runner.permission_mode: "${mode}" lets claude use tools without asking, and writes: true ` +
        `is not set: use dontAsk (the default, or leave it out), or add \`writes: true\``,
    ]);
    expect(problems(`tools: Read\nwrites: true\nrunner:\n  kind: claude\n  permission_mode: ${mode}\n`)).toEqual([]);
  });

  it.each(['dontAsk', 'default', 'plan'])(
    'runner.permission_mode %s asks, so it is valid read-only (and still refuses Bash)',
    (mode) => {
      expect(problems(`tools: Read\nrunner:\n  kind: claude\n  permission_mode: ${mode}\n`)).toEqual([]);
      expect(problems(`tools: Read, Bash\nrunner:\n  kind: claude\n  permission_mode: ${mode}\n`)).toHaveLength(1);
    },
  );

  it('the Claude Code permissionMode key is held to the same rule (the file also runs with claude --agents)', () => {
    expect(problems('tools: Read\npermissionMode: bypassPermissions\n')[0]).toMatch(
      /^agents\/x\.md: permissionMode: "bypassPermissions" lets claude use tools without asking/,
    );
    expect(problems('tools: Read\npermissionMode: auto\n')).toHaveLength(1);
    expect(problems('tools: Read\npermissionMode: plan\n')).toEqual([]);
  });
});

describe('alongside other problems', () => {
  it('is listed with the problems found after the schema (the file name), and after a schema problem is fixed', () => {
    expect(problems('tools: Bash\nlimits:\n  calls: ten\n')).toEqual([
      'agents/x.md: limits.calls: "ten" is not a number',
    ]);
    const named = parseAgentText(agent('tools: Bash\n').replace('name: x', 'name: y'), where);
    expect(named.ok ? [] : named.problems.map((p) => p.field)).toEqual(['name', 'tools']);
  });
});
