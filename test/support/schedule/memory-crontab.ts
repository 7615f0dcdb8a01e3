import type { CrontabPort } from '../../../src/crontab/index.js';

/** A crontab in memory, for tests that must not touch the user's. */
export class MemoryCrontab implements CrontabPort {
  constructor(
    public content: Buffer | null = null,
    private readonly cronTz = false,
  ) {}

  async read() {
    return this.content;
  }

  async write(content: Buffer) {
    this.content = Buffer.from(content);
  }

  async remove() {
    this.content = null;
  }

  async supportsCronTz() {
    return this.cronTz;
  }

  async withLock<T>(work: () => Promise<T>) {
    return work();
  }
}
