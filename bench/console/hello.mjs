/**
 * The floor of the stack: a bare Ink app started the way the console is
 * (alternate screen, incremental rendering, raw-mode input), showing one
 * line and a counter that j/k move. Whatever the console costs above this
 * is ours.
 */
process.env.NODE_ENV ??= 'production'; // as the console runs them
const { render, Text, useInput } = await import('ink');
const { createElement: h, useState } = await import('react');

function Hello() {
  const [n, setN] = useState(0);
  useInput((input) => {
    if (input === 'j') setN((x) => x + 1);
    if (input === 'k') setN((x) => x - 1);
    if (input === 'q') process.exit(0);
  });
  return h(Text, null, `hello ${n}`);
}

process.stdout.write('\x1b[?1049h\x1b[H');
process.on('exit', () => process.stdout.write('\x1b[?1049l'));
render(h(Hello), { exitOnCtrlC: false, patchConsole: false, incrementalRendering: true, maxFps: 60 });
