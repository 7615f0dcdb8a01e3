import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REAL_CLAUDE_VERSION = '2.1.330';

export interface RealClaude {
  /** the native binary (from the optional dependency @anthropic-ai/claude-code-<platform>-<arch>) */
  bin: string;
  /** the folder it was installed into with `npm i --prefix` */
  dir: string;
  version: string;
  /** false when an earlier install in the same folder was reused */
  installed: boolean;
}

/**
 * Installs the REAL Claude Code CLI into a temporary folder (not into the
 * project: it is about 380 MB and no dependency of nightshift) and returns
 * its native binary. The folder is reused while it holds the right version:
 * $NIGHTSHIFT_REAL_CLAUDE_DIR, else <tmp>/nightshift-real-claude-<version>.
 * The binary is called directly: npm may skip the package's postinstall
 * that would link bin/claude.exe.
 */
export async function installRealClaude(options: { version?: string; dir?: string } = {}): Promise<RealClaude> {
  const version = options.version ?? REAL_CLAUDE_VERSION;
  const dir =
    options.dir ?? process.env.NIGHTSHIFT_REAL_CLAUDE_DIR ?? join(tmpdir(), `nightshift-real-claude-${version}`);
  const bin = join(
    dir,
    'node_modules',
    '@anthropic-ai',
    `claude-code-${process.platform}-${process.arch}`,
    process.platform === 'win32' ? 'claude.exe' : 'claude',
  );
  if (existsSync(bin) && (await versionOf(bin)) === version) return { bin, dir, version, installed: false };
  mkdirSync(dir, { recursive: true });
  await run(
    'npm',
    ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', `@anthropic-ai/claude-code@${version}`],
    {
      timeout: 15 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (!existsSync(bin))
    throw new Error(
      `npm installed @anthropic-ai/claude-code@${version} into ${dir}, but ${bin} is missing (no binary for ${process.platform}-${process.arch}?)`,
    );
  const got = await versionOf(bin);
  if (got !== version) throw new Error(`${bin} --version says ${got ?? 'nothing'}, expected ${version}`);
  return { bin, dir, version, installed: true };
}

async function versionOf(bin: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(bin, ['--version'], { timeout: 60_000 });
    return /^(\d+\.\d+\.\d+)/.exec(stdout.trim())?.[1];
  } catch {
    return undefined;
  }
}

/**
 * The environment that points the real CLI at a loopback mock (no key, no
 * network beyond 127.0.0.1) with a private HOME, as the captures were made
 * (shared/notes/agent-clis.md, last section).
 */
export function realClaudeEnv(options: { home: string; baseUrl: string }): NodeJS.ProcessEnv {
  mkdirSync(options.home, { recursive: true });
  const keep = ['PATH', 'LANG', 'TZ', 'TMPDIR'];
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => keep.includes(key)));
  return {
    ...base,
    HOME: options.home,
    ANTHROPIC_API_KEY: 'sk-ant-dummy-for-a-mock',
    ANTHROPIC_BASE_URL: options.baseUrl,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
  };
}
