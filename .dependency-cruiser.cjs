/**
 * The rooms of src/ and the one direction they form. A room may import the
 * rooms listed before it, and only through their door (index.ts); it may
 * never import a room listed after it, so no loop between rooms can form.
 * Tests are not cruised: a test may reach inside its own room.
 * `npm test` runs this (`npm run lint:rooms`) over src/ and the demo generator.
 */
const ROOMS = [
  'shared', // the vocabulary: errors, record formats, statuses, money, time
  'files', // atomic writes, file locks, disk errors
  'text', // terminal-safe text, tables
  'secrets', // redaction of secret values
  'cron', // cron expressions in a zone: checks, words, due times
  'agents', // agent files: parse, validate, cache
  'journal', // the append-only journals and their index
  'home', // the home folder: paths, nightshift.yaml, init
  'telemetry', // OpenTelemetry: runs and alert events as OTLP log records, the spool, the claude child's resource
  'state', // pause, disable, stop-all
  'runners', // Claude Code, HTTP APIs, commands: processes and streams
  'harness', // one run inside its limits
  'alerts', // alert rules, channels, the open-alert fold
  'crontab', // the cron-mode block
  'switches', // kill switches and run requests
  'hooks', // around one run: pings, the alert rules a run can change, the budget pause
  'fleet', // what every agent is doing now; the scheduler's heartbeat
  'watchdog', // `check` and the hooks around a run
  'daemon', // the scheduler and its triggers
  'governance', // costs, review, registry, doctor, prune, evals, change control
  'console', // the Ink console
  'cli', // the commands
];

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const above = (index) => ROOMS.slice(index + 1).map((room) => `^src/${escape(room)}/`);

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment:
        'Modules must not import each other in a loop (a loop of type imports alone is erased at build and allowed).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...ROOMS.map((room, index) => ({
      name: `${room}-imports-only-rooms-below`,
      severity: 'error',
      comment: `src/${room} may import only the rooms listed before it in .dependency-cruiser.cjs (ROOMS); move the shared code down or the caller up.`,
      from: { path: `^src/${escape(room)}/` },
      to: { path: above(index) },
    })).filter((rule) => rule.to.path.length > 0),
    {
      name: 'room-known',
      severity: 'error',
      comment:
        'Every folder of src/ is a room listed in ROOMS (.dependency-cruiser.cjs), and no file lies loose in src/.',
      from: { path: '^src/' },
      to: { path: '^src/', pathNot: [`^src/(${ROOMS.map(escape).join('|')})/`] },
    },
    {
      name: 'through-the-door',
      severity: 'error',
      comment:
        'Another room is entered through its index.ts, never a file inside it; export what callers need from the door.',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/([^/]+)/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.tsx?$'] },
    },
    {
      name: 'product-never-imports-the-demo',
      severity: 'error',
      comment: 'The demo generator (fixtures/generator) uses the product; the product never uses it.',
      from: { path: '^src/' },
      to: { path: '^fixtures/' },
    },
    {
      name: 'the-demo-through-the-doors',
      severity: 'error',
      comment: "The demo generator uses the product as any caller would: through the rooms' doors.",
      from: { path: '^fixtures/generator/' },
      to: { path: '^src/', pathNot: '^src/[^/]+/index\\.tsx?$' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // resolve packages by their "exports" the way Node does for an ES module
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
      mainFields: ['module', 'main'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
