import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Several suites spawn real processes (the CLI, crontab, tmux); two cores is the norm here.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
