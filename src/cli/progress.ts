/** A one-line progress display on stderr, drawn only on a terminal and at most ten times a second. */
export class Progress {
  private last = 0;
  private readonly enabled: boolean;

  constructor(private readonly total: number, enabled = process.stderr.isTTY) {
    this.enabled = enabled && total > 1;
  }

  update(done: number, detail: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && done < this.total) return;
    this.last = now;
    const width = 30;
    const filled = Math.round((done / this.total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} ${detail}`.padEnd(100).slice(0, 120));
  }

  done(): void {
    if (this.enabled) process.stderr.write(`\r${' '.repeat(120)}\r`);
  }
}
