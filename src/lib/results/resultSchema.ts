// One result file per task (data/results/<task>.json): items, per-model and per-baseline scores,
// aggregates with intervals, verdicts, and the provenance of every number. The site's content collection
// validates the files with this same schema.
import { z } from "zod";
import { aggregateSchema } from "../scoring/aggregate.ts";
import { itemScoreSchema } from "../scoring/itemScore.ts";
import { modelSourceSchema } from "../models/registry.ts";
import { taskItemSchema, verdictRuleSchema } from "../tasks/taskSchema.ts";

export const RESULT_SCHEMA_VERSION = 1;

/** Who produced the scores: a model (with its checkpoint's provenance) or a baseline. */
export const scorerInfoSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("model"),
    /** Registry id. */
    id: z.string(),
    /** published / replica / fixture / local: pages never present a replica or fixture as published. */
    kind: z.enum(["published", "replica", "fixture", "local"]),
    /** One line: what this model is. */
    description: z.string(),
    /** Hub repo@revision or folder. */
    source: modelSourceSchema,
    /** The commit a hub revision resolved to; null for a folder. */
    commit: z.string().nullable(),
    /** The weights file read. */
    weightsFile: z.string(),
    /** sha256 of the weights file. */
    weightsSha256: z.string(),
    /** Transformer blocks. */
    layers: z.number().int(),
    /** Residual stream width. */
    width: z.number().int(),
    /** Attention heads per layer. */
    heads: z.number().int(),
    /** Parameters, tied embedding once. */
    parameters: z.number().int(),
  }),
  z.object({
    type: z.literal("baseline"),
    /** Baseline registry id. */
    id: z.string(),
    /** Name as pages show it. */
    title: z.string(),
    /** What it is and what a transformer would need to do the same. */
    description: z.string(),
    /** Hash of the training data, parameters and baseline version (plays the weights hash's role). */
    fingerprint: z.string(),
    /** The text it was fitted on. */
    training: z.object({
      /** Where the text came from. */
      source: z.string(),
      /** Number of stories. */
      stories: z.number().int(),
      /** Number of tokens. */
      tokens: z.number().int(),
      /** sha256 of the text used. */
      sha256: z.string(),
    }),
  }),
]);
export type ScorerInfo = z.infer<typeof scorerInfoSchema>;

/** A scored item, or why it was skipped for this scorer. */
export const scoreEntrySchema = z.union([itemScoreSchema, z.object({ skipped: z.string() })]);
export type ScoreEntry = z.infer<typeof scoreEntrySchema>;

export const resultFileSchema = z.object({
  /** RESULT_SCHEMA_VERSION. */
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  task: z.object({
    /** Task id. */
    id: z.string(),
    /** Capability name. */
    title: z.string(),
    /** Task version (bumped when items or scoring change). */
    version: z.number().int(),
    /** What it measures. */
    description: z.string(),
    /** The task file, relative to the repository root. */
    file: z.string(),
    /** sha256 of the task file and the shared template. */
    contentHash: z.string(),
    /** The metric charts show. */
    mainMetric: z.enum(["p_first", "p_answer", "top1", "logit_diff"]),
    /** The "has the capability" rule. */
    verdict: verdictRuleSchema,
    /** The rule in words. */
    verdictText: z.string(),
    /** Credit for items cut from TinyStories. */
    dataCredit: z.string(),
  }),
  provenance: z.object({
    /** git commit of the code that wrote the file ("-dirty" when the work tree had changes). */
    codeVersion: z.string(),
    /** SCORER_VERSION: the metric definitions. */
    scorerVersion: z.string(),
    /** The day the file was produced (ATLAS_DATE, else the code commit's date): the only date inside. */
    date: z.string(),
    /** Bootstrap resamples behind every interval. */
    bootstrapResamples: z.number().int(),
  }),
  /** Models (smallest first) then baselines. */
  scorers: z.array(scorerInfoSchema),
  /** The task's items as scored. */
  items: z.array(taskItemSchema),
  /** scores[scorer][item]. */
  scores: z.record(z.record(scoreEntrySchema)),
  /** aggregates[scorer] over all items. */
  aggregates: z.record(aggregateSchema),
  /** breakdowns[scorer][tag]: the same aggregates over the items with that tag. */
  breakdowns: z.record(z.record(aggregateSchema)),
});
export type ResultFile = z.infer<typeof resultFileSchema>;
