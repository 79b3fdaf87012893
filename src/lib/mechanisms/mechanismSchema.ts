// The mechanism evidence files the site reads:
//   data/mechanisms/<task>.json                 per model: head ablation, direct logit attribution, attention
//                                               summaries and labels, the logit lens, the top neurons
//   data/mechanisms/items/<task>/<model>.json   per item: every head's final-position attention row and the
//                                               lens's top tokens per block (itemsFileSchema.ts)
import { z } from "zod";

/** Bumped whenever an evidence computation changes: cached per-item evidence is then recomputed. */
export const MECHANISM_VERSION = "1";
export const MECHANISM_SCHEMA_VERSION = 1;

const headName = z.string().regex(/^\d+\.\d+$/);

export const attentionLabelSchema = z.object({
  /** distance: a fixed offset back; content: positions chosen by their token; first-token; diffuse: no candidate reaches the threshold. */
  type: z.enum(["distance", "content", "first-token", "diffuse"]),
  /** previous-token, current-token, distance-<d>, first-token, answer, subject, induction-target or diffuse. */
  name: z.string(),
  /** The offset of a distance label, else null. */
  distance: z.number().int().nullable(),
  /** Mean attention on what the label names (for diffuse: the largest candidate's). */
  mass: z.number(),
});
export type AttentionLabelJson = z.infer<typeof attentionLabelSchema>;

const contentMassSchema = z
  .object({
    /** Mean attention of the final position on these positions, over the items that have them. */
    mass: z.number(),
    /** Mean share of keys in the set: what uniform attention would give. */
    chance: z.number(),
    /** Items that have such positions. */
    items: z.number().int(),
  })
  .nullable();

export const headAttentionSchema = z.object({
  /** "L.H". */
  head: headName,
  /** Mean attention on the first token. */
  firstToken: z.number(),
  /** distances[d]: mean attention on the key d positions back (0 = itself, 1 = previous token); null when no item is long enough. */
  distances: z.array(z.number().nullable()),
  /** On earlier occurrences of the answer's first token. */
  answer: contentMassSchema,
  /** On earlier occurrences of the wrong answer's first token (the subject's name in IOI-like tasks). */
  subject: contentMassSchema,
  /** On tokens right after earlier occurrences of the current token (induction target). */
  inductionTarget: contentMassSchema,
  /** The labelling rule's verdict (method.labels). */
  label: attentionLabelSchema,
});

const tokenRefSchema = z.object({
  /** Story index in the validation stories. */
  story: z.number().int(),
  /** Token position within the story. */
  position: z.number().int(),
  /** Global token index: storyOffsets[story] + position in data/tokens (the explorer's #t-<token>). */
  token: z.number().int(),
  /** The token's text. */
  text: z.string(),
  /** Up to CONTEXT_BEFORE tokens of the story before it. */
  before: z.string(),
  /** Up to CONTEXT_AFTER tokens after it. */
  after: z.string(),
  /** The neuron's activation (after gelu_new) on it. */
  activation: z.number(),
});

export const modelMechanismsSchema = z.object({
  model: z.object({
    /** Registry id. */
    id: z.string(),
    /** published / replica / fixture / local. */
    kind: z.enum(["published", "replica", "fixture", "local"]),
    /** sha256 of the weights file. */
    weightsSha256: z.string(),
    /** Transformer blocks. */
    layers: z.number().int(),
    /** Heads per block. */
    heads: z.number().int(),
    /** Residual stream width. */
    width: z.number().int(),
    /** MLP neurons per block. */
    mlpWidth: z.number().int(),
  }),
  items: z.object({
    /** Items analysed. */
    used: z.number().int(),
    /** Items left out (tokenization problems, too long), with why. */
    skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
    /** Items read as logit(correct) - logit(wrong): logit_diff in ablation and attribution. */
    withWrong: z.number().int(),
    /** Items without a wrong answer: log p_first in ablation, logit(correct) - mean logit in attribution. */
    withoutWrong: z.number().int(),
  }),
  ablation: z.object({
    /** The clean runs' mean metric (logit_diff, log p_first, or their per-item mix: items). */
    clean: z.number(),
    /** effects[layer][head]: mean change of the metric when that head is zeroed (negative: the head helps). */
    effects: z.array(z.array(z.number())),
    /** The TOP_HEADS heads with the largest |effect|, largest first. */
    topHeads: z.array(
      z.object({
        /** "L.H". */
        head: headName,
        /** Mean change of the metric. */
        effect: z.number(),
        /** Its standard error over items. */
        sem: z.number(),
        /** Share of items whose metric went down. */
        hurtShare: z.number(),
        /** The head's attention label on this task. */
        label: attentionLabelSchema,
      }),
    ),
  }),
  attribution: z.object({
    /** Mean actual logit difference (the graph's logits): the total the parts below add up to. */
    actual: z.number(),
    /** Token + position embedding. */
    embed: z.number(),
    /** Per block: whole attention output. */
    attn: z.array(z.number()),
    /** heads[layer][head]: each head's share (attn[l] = sum over heads + attnBias[l]). */
    heads: z.array(z.array(z.number())),
    /** Per block: the attention output projection's bias. */
    attnBias: z.array(z.number()),
    /** Per block: whole MLP output. */
    mlp: z.array(z.number()),
    /** Per block: the MLP output projection's bias (mlp[l] = its neurons + this). */
    mlpBias: z.array(z.number()),
    /** The final LayerNorm's bias term. */
    lnBias: z.number(),
    /** embed + sum(attn) + sum(mlp) + lnBias, mean over items. */
    sum: z.number(),
    /** Largest |sum - actual| over the items: float32 error only. */
    maxAbsError: z.number(),
  }),
  /** One entry per head, layer-major. */
  attention: z.array(headAttentionSchema),
  /** The logit lens per block (block L-1 is the model's own prediction). */
  lens: z.array(
    z.object({
      /** Block index (the residual stream after it). */
      block: z.number().int(),
      /** Mean log p of the answer's first token. */
      meanLogprob: z.number(),
      /** Median rank of the answer's first token. */
      medianRank: z.number(),
      /** Share of items where it is the top token. */
      top1Share: z.number(),
      /** Mean logit(answer) - logit(wrong) over items with a wrong answer; null if none has. */
      meanLogitDiff: z.number().nullable(),
      /** The tokens most often on top at this block, with how many items. */
      topTokens: z.array(z.object({ id: z.number().int(), text: z.string(), items: z.number().int() })),
    }),
  ),
  /** The NEURONS_PER_TASK neurons with the largest |mean attribution|, with their top tokens on the stories. */
  neurons: z.array(
    z.object({
      /** "L.N". */
      neuron: headName,
      /** Mean direct logit attribution over the items. */
      attribution: z.number(),
      /** The TOP_TOKENS highest activations over the validation stories, highest first. */
      topTokens: z.array(tokenRefSchema),
    }),
  ),
  /** The per-item file (itemsFileSchema), relative to data/mechanisms. */
  itemsFile: z.string(),
});
export type ModelMechanisms = z.infer<typeof modelMechanismsSchema>;

export const mechanismFileSchema = z.object({
  /** MECHANISM_SCHEMA_VERSION. */
  schemaVersion: z.literal(MECHANISM_SCHEMA_VERSION),
  task: z.object({
    /** Task id. */
    id: z.string(),
    /** Capability name. */
    title: z.string(),
    /** Task version. */
    version: z.number().int(),
    /** sha256 of the task file and the shared template. */
    contentHash: z.string(),
    /** The task file, relative to the repository root. */
    file: z.string(),
  }),
  provenance: z.object({
    /** git commit of the code ("-dirty" with local changes). */
    codeVersion: z.string(),
    /** The day of the run (ATLAS_DATE, else the commit's date). */
    date: z.string(),
    /** MECHANISM_VERSION: the evidence computations. */
    mechanismVersion: z.string(),
  }),
  /** The stories the neurons' top tokens come from (link to the explorer only when data/tokens has the same sha256). */
  stories: z
    .object({
      /** Repository-relative file or hub file. */
      source: z.string(),
      /** sha256 of the stories joined by <|endoftext|> (data/tokens/manifest.json text.sha256). */
      sha256: z.string(),
      /** Number of stories. */
      stories: z.number().int(),
      /** Number of tokens. */
      tokens: z.number().int(),
    })
    .nullable(),
  /** One sentence per method, stated precisely. */
  method: z.object({
    ablation: z.string(),
    attribution: z.string(),
    attention: z.string(),
    labels: z.string(),
    lens: z.string(),
    neurons: z.string(),
    itemsFile: z.string(),
  }),
  /** One entry per model, smallest first (as configured). */
  models: z.array(modelMechanismsSchema),
});
export type MechanismFile = z.infer<typeof mechanismFileSchema>;
