import type { Command } from 'commander';

/** The options every command shares, read from the command and its parents. */
export interface CommonOptions {
  home?: string;
  json?: boolean;
}

export function commonOptions(command: Command): CommonOptions {
  const all = command.optsWithGlobals() as CommonOptions;
  return { home: all.home, json: Boolean(all.json) };
}
