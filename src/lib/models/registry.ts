// The one registry of models: the 14 published TinyStories checkpoints, and local folders in the hub's layout.
import { z } from "zod";

/** Where a checkpoint comes from: a hub repo pinned to a revision, or a folder on disk. */
export const modelSourceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("hub"),
    /** Hub repo id, e.g. roneneldan/TinyStories-1M. */
    repo: z.string(),
    /** Branch, tag or commit; models.lock.json pins a branch to the commit and file hashes first resolved. */
    revision: z.string(),
  }),
  z.object({
    kind: z.literal("folder"),
    /** Absolute path of a folder with config.json, weights and vocab.json + merges.txt. */
    path: z.string(),
  }),
]);
export type ModelSource = z.infer<typeof modelSourceSchema>;

export const modelEntrySchema = z.object({
  /** Short id used in URLs, result files and the paper (e.g. "TinyStories-1M"). */
  id: z.string(),
  /** Where the checkpoint comes from. */
  source: modelSourceSchema,
  /** Number of transformer blocks (as published; config.json is checked against it). */
  layers: z.number().int().positive(),
  /** Width of the residual stream. */
  width: z.number().int().positive(),
  /** Fine-tuned on the instruction-following variant of the data set. */
  instruct: z.boolean(),
  /** What produced the weights: a published model, a replica trained elsewhere, or a test fixture. */
  kind: z.enum(["published", "replica", "fixture", "local"]),
  /** One line for tables: what this model is. */
  description: z.string(),
});
export type ModelEntry = z.infer<typeof modelEntrySchema>;

const publishedShapes: Array<[name: string, layers: number, width: number]> = [
  ["1M", 8, 64],
  ["3M", 8, 128],
  ["8M", 8, 256],
  ["28M", 8, 512],
  ["33M", 4, 768],
  ["1Layer-21M", 1, 1024],
  ["2Layers-33M", 2, 1024],
];

function published(name: string, layers: number, width: number, instruct: boolean): ModelEntry {
  // The hub repo of the instruct 1-layer model is spelled "Instuct" (sic); the id keeps the hub's name.
  const prefix = instruct ? (name === "1Layer-21M" ? "TinyStories-Instuct-" : "TinyStories-Instruct-") : "TinyStories-";
  const id = `${prefix}${name}`;
  return {
    id,
    source: { kind: "hub", repo: `roneneldan/${id}`, revision: "main" },
    layers,
    width,
    instruct,
    kind: "published",
    description: `Published TinyStories${instruct ? " Instruct" : ""} model, ${layers} x ${width} (Eldan & Li 2023)`,
  };
}

/** The 14 published models: 7 base and 7 instruct, in the order of size within each group. */
export const publishedModels: ModelEntry[] = [
  ...publishedShapes.map(([n, l, w]) => published(n, l, w, false)),
  ...publishedShapes.map(([n, l, w]) => published(n, l, w, true)),
];

export function findPublished(idOrRepo: string): ModelEntry | undefined {
  const bare = idOrRepo.replace(/^roneneldan\//, "").split("@")[0];
  return publishedModels.find((m) => m.id.toLowerCase() === bare.toLowerCase());
}
