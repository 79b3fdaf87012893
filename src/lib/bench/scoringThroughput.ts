// Tokens per second of batch scoring (the path `npm run data` uses): full scoring head, every position.
import type { ScoringRequest, ScoringSession } from "../models/runtime/scoringSession.ts";

export interface ThroughputSample {
  batch: number;
  seq: number;
  /** Best of the timed repeats, after one warm-up run. */
  seconds: number;
  tokensPerSecond: number;
}

/** A batch of pseudo-random ids (fixed seed), each position's target the next id. */
export function benchBatch(batch: number, seq: number, vocab: number): ScoringRequest[] {
  let x = 12345;
  const next = () => ((x = (x * 1103515245 + 12345) >>> 0), x % vocab);
  return Array.from({ length: batch }, () => {
    const ids = Array.from({ length: seq }, next);
    return { ids, targets: ids.map((_, i) => [ids[(i + 1) % seq]]) };
  });
}

export async function measureThroughput(
  scorer: ScoringSession,
  opts: { batch: number; seq: number; vocab: number; repeats: number; now?: () => number },
): Promise<ThroughputSample> {
  const now = opts.now ?? (() => performance.now());
  const requests = benchBatch(opts.batch, opts.seq, opts.vocab);
  await scorer.score(requests);
  let seconds = Infinity;
  for (let r = 0; r < opts.repeats; r++) {
    const start = now();
    await scorer.score(requests);
    seconds = Math.min(seconds, (now() - start) / 1000);
  }
  return { batch: opts.batch, seq: opts.seq, seconds, tokensPerSecond: (opts.batch * opts.seq) / seconds };
}
