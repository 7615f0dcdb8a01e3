import { visible } from '../text/index.js';

/**
 * One status line redrawn in place on a terminal (DESIGN §3, progress while a
 * run goes), at most every `everyMs`. A closed terminal (SIGHUP) must not
 * crash the harness mid-run: write errors are swallowed and drawing stops.
 */
export class LiveLine {
  private last = '';
  private lastAt = 0;
  private dead = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly render: () => string,
    private readonly everyMs = 100,
  ) {
    stream.on('error', () => {
      this.dead = true;
    });
  }

  /** Called on every event; cheap when nothing needs drawing. */
  draw(): void {
    if (this.dead) return;
    const now = Date.now();
    if (now - this.lastAt < this.everyMs) return;
    this.lastAt = now;
    const columns = this.stream.columns || 120; // 0 when the terminal does not say
    // the line's own \r and erase are the only controls written: what it shows is made visible first
    const line = visible(this.render()).slice(0, Math.max(20, columns - 1));
    if (line === this.last) return;
    this.last = line;
    this.write(`\r\x1b[2K${line}`);
  }

  /** Clears the line so the summary starts on a clean one. */
  stop(): void {
    if (!this.dead && this.last !== '') this.write('\r\x1b[2K');
    this.dead = true;
  }

  private write(text: string): void {
    try {
      this.stream.write(text);
    } catch {
      this.dead = true;
    }
  }
}
