// Progress of a long run: a bar with items/s and ETA on a terminal, plain lines in logs and CI.

export interface Progress {
  /** Starts a unit of work (e.g. one model on one task) with this many items. */
  begin(label: string, total: number): void;
  /** Items done since the last call. */
  advance(count: number): void;
  /** Ends the current unit. */
  end(): void;
}

export function createProgress(opts: { write: (text: string) => void; isTty: boolean; now?: () => number }): Progress {
  const now = opts.now ?? (() => performance.now());
  let label = "";
  let total = 0;
  let done = 0;
  let started = 0;
  let lastDraw = 0;
  const rate = () => done / Math.max((now() - started) / 1000, 1e-9);
  const draw = () => {
    const width = 24;
    const filled = total ? Math.round((done / total) * width) : width;
    const eta = done > 0 ? (total - done) / rate() : NaN;
    opts.write(
      `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${label}  ` +
        `${rate().toFixed(1)} items/s  ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)}s` : "?"}\x1b[K`,
    );
  };
  return {
    begin(l, t) {
      label = l;
      total = t;
      done = 0;
      started = now();
      lastDraw = 0;
      if (opts.isTty) draw();
    },
    advance(count) {
      done += count;
      if (opts.isTty && now() - lastDraw > 100) {
        lastDraw = now();
        draw();
      }
    },
    end() {
      const seconds = (now() - started) / 1000;
      const line = `${label}: ${done} items in ${seconds.toFixed(1)}s (${rate().toFixed(1)} items/s)`;
      opts.write(opts.isTty ? `\r${line}\x1b[K\n` : `${line}\n`);
    },
  };
}
