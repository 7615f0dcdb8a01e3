#!/usr/bin/env node
// A stand-in for the real `claude` CLI (Claude Code 2.1.330) in -p stream-json
// mode. It accepts the real CLI's flags, prints lines built from the REAL
// captures in ./captures/claude-code-2.1.330/ (same keys, same key order), and
// plays the scenario named by FAKE_CLAUDE_SCENARIO. See README.md here.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CAPTURES = fileURLToPath(new URL('./captures/claude-code-2.1.330/', import.meta.url));
const env = process.env;
const scenario = env.FAKE_CLAUDE_SCENARIO || 'normal';
const delayMs = Number(env.FAKE_CLAUDE_DELAY_MS ?? 5);
const intervalMs = Number(env.FAKE_CLAUDE_INTERVAL_MS ?? 5);
const floodBytes = Number(env.FAKE_CLAUDE_FLOOD_BYTES ?? 1024 ** 3);
const costPerCall = Number(env.FAKE_CLAUDE_COST_PER_CALL ?? 0.00708); // claude-sonnet-4-5 list price of the captured call

// ---------------------------------------------------------------- arguments
const VALUE_FLAGS = new Set([
  '--output-format',
  '--input-format',
  '--max-turns',
  '--system-prompt',
  '--system-prompt-file',
  '--append-system-prompt',
  '--append-system-prompt-file',
  '--model',
  '--fallback-model',
  '--permission-mode',
  '--permission-prompts',
  '--max-budget-usd',
  '--session-id',
  '--mcp-config',
  '--setting-sources',
  '--agents',
  '--agent',
  '--effort',
  '--json-schema',
  '--settings',
  '--resume',
  '--add-dir',
]);
const VARIADIC_FLAGS = new Set([
  '--allowedTools',
  '--allowed-tools',
  '--disallowedTools',
  '--disallowed-tools',
  '--tools',
]);
const BOOLEAN_FLAGS = new Set([
  '-p',
  '--print',
  '--verbose',
  '--no-session-persistence',
  '--include-partial-messages',
  '--forward-subagent-text',
  '--bare',
  '--strict-mcp-config',
  '--dangerously-skip-permissions',
  '--restricted',
  '--continue',
  '-c',
]);

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = { flags: {}, positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      opts.positional.push(...argv.slice(i + 1));
      break;
    }
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (BOOLEAN_FLAGS.has(name)) opts.flags[name] = true;
    else if (VALUE_FLAGS.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) fail(`error: option '${name} <value>' argument missing`);
      opts.flags[name] = value;
    } else if (VARIADIC_FLAGS.has(name)) {
      const values = inline !== undefined ? [inline] : [];
      while (inline === undefined && i + 1 < argv.length && !argv[i + 1].startsWith('-')) values.push(argv[++i]);
      opts.flags[name] = values
        .join(',')
        .split(/[,\s]+/)
        .filter(Boolean);
    } else if (name.startsWith('-')) fail(`error: unknown option '${name}'`);
    else opts.positional.push(arg);
  }
  return opts;
}

/** What the real CLI does with a prompt file: reads it before anything else, and stops at once when it is missing. */
function readPromptFile(flag, what) {
  const path = args.flags[flag];
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    fail(`Error: ${what} file not found: ${path}`);
  }
}

/** -p without a prompt argument reads the prompt from stdin, as the real CLI does (until EOF: the harness closes it). */
function readStdin() {
  if (process.stdin.isTTY) return '';
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

const args = parseArgs(process.argv.slice(2));
const print = args.flags['-p'] || args.flags['--print'];
const outputFormat = args.flags['--output-format'] ?? 'text';
if (!print) fail('fake-claude only plays -p (print) mode');
if (outputFormat === 'stream-json' && !args.flags['--verbose'])
  fail('Error: When using --print, --output-format=stream-json requires --verbose');
if (outputFormat !== 'stream-json') fail(`fake-claude only plays --output-format stream-json (got ${outputFormat})`);
const systemPrompt = readPromptFile('--system-prompt-file', 'System prompt') ?? args.flags['--system-prompt'] ?? null;
const appendSystemPrompt =
  readPromptFile('--append-system-prompt-file', 'Append system prompt') ?? args.flags['--append-system-prompt'] ?? null;
const prompt = args.positional.length > 0 ? args.positional.join(' ') : readStdin().trim();
if (!prompt) fail('Error: Input must be provided either through stdin or as a prompt argument when using --print');
const maxTurns = args.flags['--max-turns'] !== undefined ? Number(args.flags['--max-turns']) : Infinity;
const model = args.flags['--model'] ?? 'claude-sonnet-4-5';
if (env.FAKE_CLAUDE_ARGS_FILE) {
  const record = {
    argv: process.argv.slice(2),
    flags: args.flags,
    prompt,
    systemPrompt,
    appendSystemPrompt,
    runId: env.NIGHTSHIFT_RUN_ID ?? null,
    // what Claude Code's own OpenTelemetry would put on its resource (src/telemetry/resource-env.ts)
    otelResourceAttributes: env.OTEL_RESOURCE_ATTRIBUTES ?? null,
    cwd: process.cwd(),
  };
  writeFileSync(env.FAKE_CLAUDE_ARGS_FILE, JSON.stringify(record));
}

// ---------------------------------------------------------------- lines from the captures
const readCapture = (file) =>
  readFileSync(`${CAPTURES}${file}`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
const [capInit, capText, capTool, capUser, , capResult] = readCapture('stream.jsonl');
const [, capSynthetic, capApiErrResult] = readCapture('apierr400.jsonl');
const capMaxTurnsResult = readCapture('maxturns.jsonl')[4];
const clone = (v) => JSON.parse(JSON.stringify(v));
const session = randomUUID();
let messageCounter = 0;
let toolCounter = 0;
const newMessageId = () => `msg_01Fake${String(++messageCounter).padStart(4, '0')}`;
const newToolId = () => `toolu_01Fake${String(++toolCounter).padStart(4, '0')}`;
const stamp = (line) => ({ ...line, session_id: session, uuid: randomUUID() });

function initLine() {
  const line = stamp(clone(capInit));
  line.cwd = process.cwd();
  line.model = model;
  line.permissionMode = args.flags['--permission-mode'] ?? 'default';
  const disallowed = new Set(args.flags['--disallowedTools'] ?? args.flags['--disallowed-tools'] ?? []);
  line.tools = line.tools.filter((tool) => !disallowed.has(tool));
  return line;
}

function assistantLine(template, messageId, content, parentToolUseId = null) {
  const line = stamp(clone(template));
  line.message.id = messageId;
  line.message.model = model;
  line.message.content = [content];
  line.parent_tool_use_id = parentToolUseId;
  line.timestamp = new Date().toISOString();
  line.request_id = `req_${messageId}`;
  return line;
}
const textLine = (id, text, parent) => assistantLine(capText, id, { type: 'text', text }, parent);
const toolLine = (id, toolId, name, input, parent) =>
  assistantLine(capTool, id, { type: 'tool_use', id: toolId, name, input }, parent);

function toolResultLine(toolId, content, parent = null) {
  const line = stamp(clone(capUser));
  line.message.content = [{ tool_use_id: toolId, type: 'tool_result', content, is_error: false }];
  line.parent_tool_use_id = parent;
  line.timestamp = new Date().toISOString();
  line.tool_use_result = { stdout: content, stderr: '', interrupted: false, isImage: false, noOutputExpected: false };
  line.tool_result_meta = [
    { id: toolId, permission_decision: { decision: 'accept', source: 'config', reason_type: 'subcommandResults' } },
  ];
  return line;
}

function modelUsage(calls, cost) {
  const usage = clone(capResult.modelUsage['claude-sonnet-4-5']);
  Object.assign(usage, {
    inputTokens: 1200 * calls,
    outputTokens: 57 * calls,
    cacheReadInputTokens: 5000 * calls,
    cacheCreationInputTokens: 300 * calls,
    costUSD: cost,
    canonicalModel: model,
  });
  return { [model]: usage };
}

function resultLine({ text, calls, turns = calls, cost = round(costPerCall * calls), resultIndex = 0 }) {
  const line = stamp(clone(capResult));
  const mu = modelUsage(calls, cost);
  Object.assign(line, {
    result: text,
    total_cost_usd: cost,
    num_turns: turns,
    result_index: resultIndex,
    modelUsage: mu,
    model_usage_since_last_result: mu,
  });
  Object.assign(line.usage, {
    input_tokens: 1200 * calls,
    cache_creation_input_tokens: 300 * calls,
    cache_read_input_tokens: 5000 * calls,
    output_tokens: 57 * calls,
  });
  return line;
}

function maxTurnsResultLine(calls, limit) {
  const line = stamp(clone(capMaxTurnsResult));
  const cost = round(costPerCall * calls);
  Object.assign(line, {
    total_cost_usd: cost,
    num_turns: calls + 1,
    errors: [`Reached maximum number of turns (${limit})`],
    modelUsage: modelUsage(calls, cost),
  });
  line.model_usage_since_last_result = line.modelUsage;
  return line;
}

const round = (usd) => Math.round(usd * 1e8) / 1e8;

// ---------------------------------------------------------------- output
function write(text) {
  return new Promise((resolve) => {
    if (!process.stdout.write(text)) process.stdout.once('drain', resolve);
    else resolve();
  });
}
const emit = async (line) => {
  await write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`);
  if (delayMs > 0) await sleep(delayMs);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const forever = () => new Promise(() => setInterval(() => {}, 1 << 30));
function exit(code) {
  // exit only after stdout is flushed to the pipe
  process.stdout.write('', () => process.exit(code));
}

const today = new Date().toISOString().slice(0, 10);
const DEFAULT_TEXT = [
  `Day summary (${today}):`,
  '- Deployed v1.42 to production',
  '- Root-caused the flaky auth test: a race in token refresh',
  '- Paired on the payments rounding bug',
  'STATUS: OK',
  'END_OF_RUN',
].join('\n');
/** FAKE_CLAUDE_REPLIES: [{"system_contains": "…", "text": "…"}]: the first whose words are in the system prompt answers. */
function replyFor(system) {
  if (!env.FAKE_CLAUDE_REPLIES) return undefined;
  const replies = JSON.parse(env.FAKE_CLAUDE_REPLIES);
  return replies.find((reply) => (system ?? '').includes(reply.system_contains))?.text;
}
const finalText = replyFor(systemPrompt) ?? env.FAKE_CLAUDE_TEXT ?? DEFAULT_TEXT;
const inputPath = /(\/[^\s'"`]+)/.exec(prompt)?.[1] ?? '/dev/null';
/** The Read call's input: FAKE_CLAUDE_TOOL_INPUT (JSON) when set, else the input file's path. */
function readToolInput() {
  return env.FAKE_CLAUDE_TOOL_INPUT ? JSON.parse(env.FAKE_CLAUDE_TOOL_INPUT) : { file_path: inputPath };
}
function readInput() {
  try {
    return existsSync(inputPath) ? readFileSync(inputPath, 'utf8').slice(0, 4096) : `File does not exist: ${inputPath}`;
  } catch (error) {
    return `cannot read ${inputPath}: ${error.code}`;
  }
}

// ---------------------------------------------------------------- signals
if (env.FAKE_CLAUDE_IGNORE_TERM === '1' || scenario.endsWith('-ignore-term')) process.on('SIGTERM', () => {});
else process.on('SIGTERM', () => process.exit(143)); // the real CLI: 143 and no result line
process.on('SIGINT', () => {
  // the real CLI: an "interrupted" user line, no result, exit 0
  const line = toolResultLine('none', '');
  line.message.content = [{ type: 'text', text: '[Request interrupted by user]' }];
  delete line.tool_use_result;
  delete line.tool_result_meta;
  process.stdout.write(`${JSON.stringify(line)}\n`, () => process.exit(0));
});

// ---------------------------------------------------------------- scenarios
async function readThenAnswer(text, { garbage = false } = {}) {
  const junk = async (line) => garbage && (await emit(line));
  await emit(initLine());
  await junk('this is not json');
  const first = newMessageId();
  const tool = newToolId();
  await emit(textLine(first, 'I will read the input file.'));
  await junk('{"type":"assistant","message":{"id":"msg_truncated"');
  await emit(toolLine(first, tool, 'Read', readToolInput()));
  await junk('\u0000\u0001\u0002 binary junk \u00ff');
  await junk('[1,2,3]');
  await junk('{"type":"assistant","message":null}');
  if (maxTurns < 2) {
    await emit(toolResultLine(tool, readInput()));
    await emit(maxTurnsResultLine(1, maxTurns));
    return exit(1);
  }
  await emit(toolResultLine(tool, readInput()));
  if (env.FAKE_CLAUDE_LEAVE_DESCENDANT === '1') await spawnDescendant();
  await junk('');
  await junk('{"type":"mystery_type_from_a_future_version","data":1}');
  await emit(textLine(newMessageId(), text));
  await junk('{"nope"');
  await emit(resultLine({ text, calls: 2 }));
  exit(0);
}

async function runaway() {
  await emit(initLine());
  for (let turn = 1; ; turn++) {
    if (turn > maxTurns) {
      await emit(maxTurnsResultLine(turn - 1, maxTurns));
      return exit(1);
    }
    const tool = newToolId();
    await emit(toolLine(newMessageId(), tool, 'Read', { file_path: inputPath }));
    await emit(toolResultLine(tool, 'again'));
    await sleep(intervalMs);
  }
}

/**
 * A child that escapes like a Bash-tool child of the real CLI: detached →
 * setsid(), its own session and group, ignoring SIGTERM. It reports on fd 3
 * once its handler is in place (a signal before that would kill it outright).
 */
async function spawnDescendant() {
  const out = env.FAKE_CLAUDE_DESCENDANT_STDIO === 'inherit' ? 'inherit' : 'ignore';
  const code = "process.on('SIGTERM',()=>{});require('fs').writeSync(3,'ready\\n');setInterval(()=>{},1<<30)";
  const child = spawn(process.execPath, ['-e', code], { detached: true, stdio: ['ignore', out, out, 'pipe'] });
  child.unref();
  await new Promise((resolve) => child.stdio[3].once('data', resolve));
  child.stdio[3].destroy();
  if (env.FAKE_CLAUDE_PID_FILE) writeFileSync(env.FAKE_CLAUDE_PID_FILE, String(child.pid));
  await emit({ type: 'system', subtype: 'fake_descendant', pid: child.pid, session_id: session, uuid: randomUUID() });
  return child.pid;
}

async function hangWithDescendant() {
  await emit(initLine());
  await spawnDescendant();
  await emit(
    toolLine(newMessageId(), newToolId(), 'Bash', {
      command: 'sleep-forever',
      description: 'a command that never ends',
    }),
  );
  await forever();
}

async function flood(kind) {
  await emit(initLine());
  const chunk = 'x'.repeat(64 * 1024);
  let written = 0;
  if (kind === 'flood-bytes') {
    while (written < floodBytes) written += (await write(chunk), chunk.length);
    await write('\n');
    await emit(resultLine({ text: finalText, calls: 0 }));
    return exit(0);
  }
  if (kind === 'flood-result') {
    const line = JSON.stringify(resultLine({ text: '@@', calls: 1 }));
    const [before, after] = line.split('@@');
    await write(before);
    while (written < floodBytes) written += (await write(chunk), chunk.length);
    await write(`${after}\n`);
    return exit(0);
  }
  while (written < floodBytes) {
    const line = JSON.stringify(textLine(newMessageId(), chunk));
    await write(`${line}\n`);
    written += line.length + 1;
  }
  await emit(resultLine({ text: finalText, calls: messageCounter }));
  exit(0);
}

async function twoResults() {
  await emit(initLine());
  const first = newMessageId();
  const agentTool = newToolId();
  await emit(
    toolLine(first, agentTool, 'Agent', { subagent_type: 'reviewer', description: 'Review', prompt: 'Review' }),
  );
  await emit(toolResultLine(agentTool, 'Async agent launched'));
  await emit(textLine(newMessageId(), 'Background agent started.'));
  await emit(resultLine({ text: 'Background agent started.', calls: 2, cost: 0.021712, resultIndex: 0 }));
  await emit(initLine());
  await emit(textLine(newMessageId(), finalText));
  await emit(resultLine({ text: finalText, calls: 3, cost: 0.021712, resultIndex: 1 }));
  exit(0);
}

async function subagent() {
  await emit(initLine());
  const main = newMessageId();
  const agentTool = newToolId();
  await emit(
    toolLine(main, agentTool, 'Agent', { subagent_type: 'reviewer', description: 'Review code', prompt: 'Review' }),
  );
  const sub = newMessageId();
  const readTool = newToolId();
  await emit(toolLine(sub, readTool, 'Read', { file_path: inputPath }, agentTool));
  await emit(toolResultLine(readTool, readInput(), agentTool));
  await emit(textLine(newMessageId(), 'Subagent report: looks fine.', agentTool));
  await emit(toolResultLine(agentTool, 'Subagent report: looks fine.'));
  await emit(textLine(newMessageId(), finalText));
  await emit(resultLine({ text: finalText, calls: 4 }));
  exit(0);
}

const SCENARIOS = {
  normal: () => readThenAnswer(finalText),
  'no-end': () => readThenAnswer(env.FAKE_CLAUDE_TEXT ?? finalText.replace(/\n?END_OF_RUN\s*$/, '')),
  malformed: () => readThenAnswer(finalText, { garbage: true }),
  runaway,
  hang: async () => {
    await emit(initLine());
    await forever();
  },
  'hang-ignore-term': async () => {
    await emit(initLine());
    await forever();
  },
  'hang-with-descendant': hangWithDescendant,
  'hang-with-descendant-ignore-term': hangWithDescendant,
  flood: () => flood('flood'),
  'flood-bytes': () => flood('flood-bytes'),
  'flood-result': () => flood('flood-result'),
  error: async () => {
    await emit(initLine());
    await emit(stamp(clone(capSynthetic)));
    await emit(stamp(clone(capApiErrResult)));
    exit(1);
  },
  sigint: async () => {
    await emit(initLine());
    await emit(textLine(newMessageId(), 'Working on it.'));
    process.kill(process.pid, 'SIGINT');
    await forever();
  },
  'max-turns': async () => {
    await emit(initLine());
    const id = newMessageId();
    const tool = newToolId();
    await emit(textLine(id, 'I will read the input file.'));
    await emit(toolLine(id, tool, 'Read', { file_path: inputPath }));
    await emit(toolResultLine(tool, readInput()));
    await emit(maxTurnsResultLine(1, Number.isFinite(maxTurns) ? maxTurns : 1));
    exit(1);
  },
  'two-results': twoResults,
  subagent,
};

const play = SCENARIOS[scenario];
if (!play) fail(`fake-claude: unknown FAKE_CLAUDE_SCENARIO ${scenario} (known: ${Object.keys(SCENARIOS).join(', ')})`);
await play();
