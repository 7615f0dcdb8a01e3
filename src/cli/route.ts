/**
 * Which command an argv names, read before commander sees it: the program
 * registers only that command (src/cli/program.ts), and no command means the
 * console. Dependency-free on purpose.
 */
const VALUE_OPTIONS = new Set(['--home']);
const OWN_EXIT = new Set(['-h', '--help', '-V', '--version']);

type Scan = { kind: 'own-exit' } | { kind: 'command'; word: string } | { kind: 'none' };

function scan(argv: readonly string[]): Scan {
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (OWN_EXIT.has(arg)) return { kind: 'own-exit' };
    if (VALUE_OPTIONS.has(arg)) {
      i++;
      continue;
    }
    if (!arg.startsWith('-')) return { kind: 'command', word: arg }; // a command (or a typo commander will name)
  }
  return { kind: 'none' };
}

/** The command word; 'console' when there is none (`nightshift` alone opens it); null for --help and --version. */
export function commandOf(argv: readonly string[]): string | null {
  const found = scan(argv);
  switch (found.kind) {
    case 'command':
      return found.word;
    case 'none':
      return 'console';
    case 'own-exit':
      return null;
  }
}

/** `nightshift [--home DIR] [--readonly]` with no command means `nightshift console …`. */
export function withDefaultCommand(argv: readonly string[]): string[] {
  return scan(argv).kind === 'none' ? [...argv.slice(0, 2), 'console', ...argv.slice(2)] : [...argv];
}
