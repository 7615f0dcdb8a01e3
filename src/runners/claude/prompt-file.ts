import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type WithPromptFile<T> = { written: true; value: T } | { written: false; reason: string };

/**
 * The agent's prompt as a file for `claude --system-prompt-file`, for the
 * length of one run: in a folder of its own under the temp dir (0700, the
 * file 0600, as private as the home), removed when `work` ends however it
 * ends. A prompt that cannot be written is a reason, not an exception: the
 * run is recorded as not started, with it.
 */
export async function withPromptFile<T>(text: string, work: (file: string) => Promise<T>): Promise<WithPromptFile<T>> {
  let dir: string;
  let file: string;
  try {
    dir = await mkdtemp(join(tmpdir(), 'nightshift-prompt-'));
    file = join(dir, 'system-prompt.md');
  } catch (error) {
    return {
      written: false,
      reason: `cannot make a folder for the prompt file under ${tmpdir()}: ${(error as Error).message}`,
    };
  }
  try {
    try {
      await writeFile(file, text, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      return { written: false, reason: `cannot write the prompt file ${file}: ${(error as Error).message}` };
    }
    return { written: true, value: await work(file) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
