// Mean loss (negative log-probability per token) over the stories, with a 95% bootstrap interval that
// resamples whole stories (tokens of one story are not independent).
import { BOOTSTRAP_RESAMPLES, type Interval, seededRandom } from "../scoring/aggregate.ts";

export function meanLoss(logprob: Float32Array, storyOffsets: number[], seed: string): Interval {
  const stories = storyOffsets.length - 1;
  const sums = new Float64Array(stories);
  const counts = new Float64Array(stories);
  for (let s = 0; s < stories; s++) {
    for (let t = storyOffsets[s]; t < storyOffsets[s + 1]; t++) sums[s] -= logprob[t];
    counts[s] = storyOffsets[s + 1] - storyOffsets[s];
  }
  const ratio = (pick: (i: number) => number) => {
    let loss = 0;
    let tokens = 0;
    for (let i = 0; i < stories; i++) {
      const s = pick(i);
      loss += sums[s];
      tokens += counts[s];
    }
    return loss / tokens;
  };
  const rng = seededRandom(seed);
  const samples = new Float64Array(BOOTSTRAP_RESAMPLES);
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) samples[b] = ratio(() => Math.floor(rng() * stories));
  samples.sort();
  const q = (p: number) => {
    const pos = (samples.length - 1) * p;
    const lo = Math.floor(pos);
    return samples[lo] + (samples[Math.min(lo + 1, samples.length - 1)] - samples[lo]) * (pos - lo);
  };
  return { value: ratio((i) => i), low: q(0.025), high: q(0.975) };
}
