import type { Command } from 'commander';
export function registerStatus(program: Command): void { void program; }
