// One scorer over whole stories: for every story token, log p(token | <|endoftext|> + the story so far),
// its rank and the top tokens. Each story is its own forward pass (the same computation whatever else is
// scored, so shards merge byte-identically); a story longer than the model's positions is read in windows
// of maxPositions tokens that overlap by half, so every token keeps at least half a window of context.
import type { ScorerHandle } from "../data/scorerHandle.ts";
import { TOKEN_TOP_K, type TokenColumns } from "./tokenFiles.ts";
import { END_OF_TEXT_ID } from "../models/endOfText.ts";
import { storyWindows } from "./storyWindows.ts";


export async function storyColumns(
  handle: ScorerHandle,
  stories: number[][],
  threshold: number,
  onStory: (tokens: number) => void = () => {},
): Promise<TokenColumns> {
  const n = stories.reduce((a, s) => a + s.length, 0);
  const out: TokenColumns = {
    logprob: new Float32Array(n),
    rank: new Int32Array(n),
    topIds: new Int32Array(n * TOKEN_TOP_K),
    topLogprobs: new Float32Array(n * TOKEN_TOP_K),
    confident: new Uint8Array(n),
  };
  const window = handle.batch.maxPositions;
  let at = 0;
  for (const story of stories) {
    // input[i] predicts story[i]: input = <|endoftext|> followed by the story without its last token.
    const input = [END_OF_TEXT_ID, ...story.slice(0, -1)];
    for (const { start, end, from } of storyWindows(input.length, window)) {
      const scoreFrom = from - start;
      const ids = input.slice(start, end);
      const [scored] = await handle.scorer.score([{ ids, targets: ids.map((_, i) => [story[start + i]]), scoreFrom }]);
      const topK = scored.topK;
      for (let i = scoreFrom; i < ids.length; i++) {
        const t = at + start + i;
        out.logprob[t] = scored.targetLogprobs[i * scored.k];
        out.rank[t] = scored.targetRanks[i * scored.k];
        for (let j = 0; j < TOKEN_TOP_K; j++) {
          out.topIds[t * TOKEN_TOP_K + j] = scored.topIds[i * topK + j];
          out.topLogprobs[t * TOKEN_TOP_K + j] = scored.topLogprobs[i * topK + j];
        }
        out.confident[t] = out.rank[t] === 1 && Math.exp(out.logprob[t]) >= threshold ? 1 : 0;
      }
    }
    at += story.length;
    onStory(story.length);
  }
  return out;
}
