// Floating-point operations of one forward pass per token (2 per multiply-add), counting the work the
// model needs, not what an implementation wastes (masked attention scores are not counted).
import { type GptNeoConfig, mlpWidth } from "../models/gptNeoConfig.ts";

export interface FlopsPerToken {
  /** q, k, v, out projections and the MLP, all layers. */
  linear: number;
  /** Scores q.k and the weighted sum of values, averaged over positions 0..seq-1. */
  attention: number;
  /** The tied unembedding to the vocabulary. */
  unembed: number;
  total: number;
}

export function flopsPerToken(config: GptNeoConfig, seq: number): FlopsPerToken {
  const d = config.hidden_size;
  const linear = config.num_layers * 2 * (4 * d * d + 2 * d * mlpWidth(config));
  let attention = 0;
  for (const kind of config.attention_layers) {
    // Mean number of keys a position attends to: (i + 1) for global, capped by the window for local.
    let keys = 0;
    for (let i = 0; i < seq; i++) keys += kind === "local" ? Math.min(i + 1, config.window_size) : i + 1;
    attention += 2 * 2 * d * (keys / seq);
  }
  const unembed = 2 * d * config.vocab_size;
  return { linear, attention, unembed, total: linear + attention + unembed };
}
