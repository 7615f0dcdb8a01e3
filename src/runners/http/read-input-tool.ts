import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * The one tool an HTTP-runner model gets: the text of the declared input
 * file, nothing else on disk, no network. offset/length (characters) let a
 * model page through a long file.
 */
export const READ_INPUT = {
  name: 'read_input',
  description:
    'Returns the text of the input file for this run (the only file you may read). ' +
    'Optional offset and length, in characters, return part of it.',
  parameters: {
    type: 'object',
    properties: {
      offset: { type: 'integer', minimum: 0, description: 'first character to return (default 0)' },
      length: { type: 'integer', minimum: 1, description: 'how many characters to return (default: all)' },
    },
    additionalProperties: false,
  },
} as const;

export interface ToolResult {
  content: string;
  isError: boolean;
}

export class InputReader {
  private text: Promise<string> | undefined;

  constructor(
    private readonly path: string,
    private readonly maxBytes: number,
  ) {}

  async call(name: string, args: unknown): Promise<ToolResult> {
    if (name !== READ_INPUT.name)
      return { content: `unknown tool "${name}": the only tool is ${READ_INPUT.name}`, isError: true };
    let text: string;
    try {
      text = await (this.text ??= this.load());
    } catch (error) {
      return {
        content: `the input file cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        isError: true,
      };
    }
    const { offset, length } = window(args);
    return { content: text.slice(offset, length === undefined ? undefined : offset + length), isError: false };
  }

  /** Reads at most maxBytes: the harness's preflight refuses bigger files, this is the second fence. */
  private async load(): Promise<string> {
    // the harness hands over the input with every link resolved: a link here now was put there since, and is not followed
    const handle = await open(this.path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const buffer = Buffer.alloc(this.maxBytes + 1);
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      const over = filled > this.maxBytes;
      const text = buffer.subarray(0, Math.min(filled, this.maxBytes)).toString('utf8');
      return over ? `${text}\n[input truncated at ${this.maxBytes} bytes]` : text;
    } finally {
      await handle.close();
    }
  }
}

/** A tool call's {offset, length}; anything malformed reads the whole file. */
function window(args: unknown): { offset: number; length?: number } {
  const record = typeof args === 'object' && args !== null ? (args as Record<string, unknown>) : {};
  const offset =
    typeof record.offset === 'number' && Number.isInteger(record.offset) && record.offset > 0 ? record.offset : 0;
  const length =
    typeof record.length === 'number' && Number.isInteger(record.length) && record.length > 0
      ? record.length
      : undefined;
  return length === undefined ? { offset } : { offset, length };
}

export class NoInputReader {
  async call(name: string): Promise<ToolResult> {
    return { content: `unknown tool "${name}": this run has no tools`, isError: true };
  }
}
