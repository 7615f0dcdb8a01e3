import { keepTail, redactFragment, type Secret } from '../../secrets/index.js';

/**
 * Keeps the last few KB of a text stream (a runner's stderr): enough for a
 * reason in the run record, never a growing buffer. What it gives back is
 * redacted before it is cut (src/secrets): the buffer's own cut may have
 * fallen inside a secret, so its start is held to the edge rule.
 */
export class TextTail {
  private text = '';
  /** the buffer lost its start: its first characters may be the end of a secret */
  private cut = false;

  constructor(
    private readonly maxChars = 4096,
    private readonly secrets: readonly Secret[] = [],
  ) {}

  add(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.maxChars * 2) {
      this.text = this.text.slice(-this.maxChars);
      this.cut = true;
    }
  }

  addLine(line: string): void {
    this.add(`${line}\n`);
  }

  value(): string {
    const whole = redactFragment(this.text, this.secrets, { start: this.cut });
    return keepTail(whole, this.maxChars, this.secrets, '').trimEnd();
  }

  /** The last `lines` non-empty lines joined with " | ", for a one-line reason. */
  lastLines(lines = 3, maxChars = 400): string {
    const last = this.value()
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .slice(-lines)
      .join(' | ');
    return keepTail(last, maxChars, this.secrets);
  }
}
