/** Exit codes shared by every command; `run` adds its own in its help. */
export const EXIT = {
  OK: 0,
  ATTENTION: 1,
  USAGE: 2,
  CORRUPT: 3,
  INTERNAL: 70,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0   success
  1   something needs attention (invalid agents, agents that could not be evaluated, open alerts, a failed check)
  2   usage error: an unknown command or option, a bad argument, an unknown agent, or no home
      (none yet: run \`nightshift init\`; a --home that is a file is never one)
  3   a file nightshift needs is unreadable or corrupt (never overwritten), or cannot be
      written: disk full ("no space left on device"), over quota, an I/O error; the
      message names the file and what was kept
  70  internal error: a bug in nightshift (please report it with the message)`;
