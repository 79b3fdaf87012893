// config.json of a GPT-Neo checkpoint: the fields the forward pass depends on, checked before any export.
import { z } from "zod";
import { AtlasError } from "../errors.ts";

export const gptNeoConfigSchema = z
  .object({
    /** Must be "gpt_neo": other architectures compute something else. */
    model_type: z.literal("gpt_neo"),
    /** Width of the residual stream. */
    hidden_size: z.number().int().positive(),
    /** Number of transformer blocks. */
    num_layers: z.number().int().positive(),
    /** Attention heads per layer; head size is hidden_size / num_heads. */
    num_heads: z.number().int().positive(),
    /** "global" or "local" per layer. */
    attention_layers: z.array(z.enum(["global", "local"])),
    /** A local layer attends to keys j with i - window_size < j <= i. */
    window_size: z.number().int().positive(),
    /** Learned position embeddings: the longest text the model can read. */
    max_position_embeddings: z.number().int().positive(),
    /** Size of the token embedding (tied to the unembedding). */
    vocab_size: z.number().int().positive(),
    /** MLP width; null means 4 * hidden_size. */
    intermediate_size: z.number().int().positive().nullable().optional(),
    /** LayerNorm epsilon. */
    layer_norm_epsilon: z.number().positive(),
    /** The MLP activation; only gelu_new (tanh form) is implemented. */
    activation_function: z.literal("gelu_new"),
    /** End-of-text token id. */
    eos_token_id: z.number().int().nonnegative().optional(),
    /** Begin-of-text token id. */
    bos_token_id: z.number().int().nonnegative().optional(),
  })
  .passthrough();

export type GptNeoConfig = z.infer<typeof gptNeoConfigSchema>;

/** Parses and checks config.json; the error names the model, the file and the field. */
export function parseGptNeoConfig(text: string, where: { model?: string; file: string }): GptNeoConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AtlasError("is not valid JSON", where);
  }
  const kind = (json as { model_type?: unknown })?.model_type;
  if (kind !== "gpt_neo") {
    throw new AtlasError(`model_type is ${JSON.stringify(kind)}, not "gpt_neo": only GPT-Neo checkpoints are supported`, where);
  }
  const parsed = gptNeoConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AtlasError(issue.message, { ...where, field: issue.path.join(".") });
  }
  const config = parsed.data;
  if (config.attention_layers.length !== config.num_layers) {
    throw new AtlasError(`attention_layers has ${config.attention_layers.length} entries for ${config.num_layers} layers`, {
      ...where,
      field: "attention_layers",
    });
  }
  if (config.hidden_size % config.num_heads !== 0) {
    throw new AtlasError(`hidden_size ${config.hidden_size} is not divisible by num_heads ${config.num_heads}`, {
      ...where,
      field: "num_heads",
    });
  }
  return config;
}

export function mlpWidth(config: GptNeoConfig): number {
  return config.intermediate_size ?? 4 * config.hidden_size;
}

/** Trainable parameters, counting the tied embedding once. */
export function parameterCount(config: GptNeoConfig): number {
  const d = config.hidden_size;
  const m = mlpWidth(config);
  const perLayer = 2 * 2 * d + 4 * d * d + d + (d * m + m) + (m * d + d);
  return config.vocab_size * d + config.max_position_embeddings * d + config.num_layers * perLayer + 2 * d;
}
