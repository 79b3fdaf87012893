// Mean loss (negative log-probability per token) over the stories, with a 95% bootstrap interval that
// resamples whole stories (tokens of one story are not independent).
import { type Interval, bootstrap, seededRandom } from "../scoring/aggregate.ts";

export function meanLoss(logprob: Float32Array, storyOffsets: number[], seed: string): Interval {
  const stories = storyOffsets.length - 1;
  const sums = new Float64Array(stories);
  const counts = new Float64Array(stories);
  for (let s = 0; s < stories; s++) {
    for (let t = storyOffsets[s]; t < storyOffsets[s + 1]; t++) sums[s] -= logprob[t];
    counts[s] = storyOffsets[s + 1] - storyOffsets[s];
  }
  // The loss of a resample: its stories' summed losses over their summed token counts.
  const ratio = (indices: Int32Array) => {
    let loss = 0;
    let tokens = 0;
    for (let i = 0; i < indices.length; i++) {
      loss += sums[indices[i]];
      tokens += counts[indices[i]];
    }
    return loss / tokens;
  };
  const [interval] = bootstrap(stories, [ratio], seededRandom(seed));
  return interval;
}
