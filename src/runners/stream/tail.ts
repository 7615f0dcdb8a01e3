/**
 * Keeps the last few KB of a text stream (a runner's stderr): enough for a
 * reason in the run record, never a growing buffer.
 */
export class TextTail {
  private text = '';

  constructor(private readonly maxChars = 4096) {}

  add(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.maxChars * 2) this.text = this.text.slice(-this.maxChars);
  }

  addLine(line: string): void {
    this.add(`${line}\n`);
  }

  value(): string {
    const tail = this.text.length > this.maxChars ? this.text.slice(-this.maxChars) : this.text;
    return tail.trimEnd();
  }

  /** The last `lines` non-empty lines joined with " | ", for a one-line reason. */
  lastLines(lines = 3, maxChars = 400): string {
    const last = this.value()
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .slice(-lines)
      .join(' | ');
    return last.length > maxChars ? `…${last.slice(-maxChars)}` : last;
  }
}
