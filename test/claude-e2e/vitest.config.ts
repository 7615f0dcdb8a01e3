import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The real Claude Code CLI against the mock model server: not part of the
 * plain `vitest run` (its include is test/**\/*.test.ts). Run with
 *   npx vitest run --config test/claude-e2e/vitest.config.ts
 * or `bash scripts/test-claude.sh`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/claude-e2e/**/*.e2e.ts'],
    // the first run downloads ~380 MB
    hookTimeout: 15 * 60_000,
    testTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
