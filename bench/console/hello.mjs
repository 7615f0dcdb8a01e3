/**
 * The floor of the stack: a bare Ink app started the way the console is
 * (alternate screen, incremental rendering, raw-mode input, production React).
 * `hello.mjs` shows one line whose counter j/k move; `hello.mjs full` fills
 * the screen as the fleet does (a header, a row per line, a footer) and j/k
 * move a cursor row: Ink's own cost for a frame of that size.
 */
process.env.NODE_ENV ??= 'production';
const { Box, render, Text, useInput } = await import('ink');
const react = await import('react');
// React is CommonJS: bundled, its exports sit on `default`
const { createElement: h, useState } = react.default ?? react;

const full = process.argv.includes('full');
const cols = process.stdout.columns || 80;
const rows = process.stdout.rows || 24;

function Hello() {
  const [n, setN] = useState(0);
  useInput((input) => {
    if (input === 'j') setN((x) => x + 1);
    if (input === 'k') setN((x) => x - 1);
    if (input === 'q') process.exit(0);
  });
  if (!full) return h(Text, null, `hello ${n}`);
  const lines = [h(Text, { key: 'head', bold: true }, `hello ${n}`)];
  for (let i = 0; i < rows - 3; i++) {
    const row = `row ${String(i).padStart(2, '0')} ${'lorem ipsum dolor sit amet '.repeat(8)}`.slice(0, cols - 3);
    lines.push(
      h(
        Text,
        { key: i, inverse: ((n % (rows - 3)) + rows - 3) % (rows - 3) === i, color: i % 3 ? undefined : 'green' },
        `${row}`,
      ),
    );
  }
  lines.push(h(Text, { key: 'foot', dimColor: true }, 'j/k move  q quit'));
  return h(Box, { flexDirection: 'column' }, ...lines);
}

// as the console does (src/console/runtime/terminal.ts anchorFrames): Ink 6.8's incremental redraw
// starts one line low; on the alternate screen the frame is at the top, so "cursor up n" → "home"
const stdout = new Proxy(process.stdout, {
  get(target, key) {
    if (key === 'write')
      return (chunk, ...rest) =>
        target.write(typeof chunk === 'string' ? chunk.replace(/^\x1b\[\d+A/, '\x1b[H') : chunk, ...rest);
    const value = Reflect.get(target, key, target);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});
process.stdout.write('\x1b[?1049h\x1b[H');
process.on('exit', () => process.stdout.write('\x1b[?1049l'));
render(h(Hello), { stdout, exitOnCtrlC: false, patchConsole: false, incrementalRendering: true, maxFps: 60 });
