// Capability tasks as data: one YAML file per capability under src/content/tasks/, shared fields in
// src/content/tasks/_template.yaml (merged under each task's own fields, as lm-evaluation-harness's
// `_template_yaml`). Synthetic items come from templates in the same file, expanded when loaded.
import { z } from "zod";

const nonEmpty = z.string().min(1, "must not be empty");

/** Where a natural item was cut from: a story of a TinyStories file. */
export const itemSourceSchema = z.object({
  /** Data set and split, e.g. "TinyStories-valid (V1)". */
  dataset: nonEmpty,
  /** File name under ../shared/data (or the hub data set's file). */
  file: nonEmpty,
  /** 0-based index of the story in that file (stories are separated by <|endoftext|>). */
  story: z.number().int().nonnegative(),
});
export type ItemSource = z.infer<typeof itemSourceSchema>;

export const taskItemSchema = z
  .object({
    /** Unique within the task; stable, since caches and permalinks use it. */
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "use lower-case letters, digits, '.', '_' or '-'"),
    /** Text the model reads; the answer is what should come next. */
    prompt: nonEmpty,
    /** The correct continuation, usually with its leading space (" Lily"). */
    answer: nonEmpty,
    /** The obvious wrong continuation, where there is one (IOI: the other name). */
    wrong: nonEmpty.optional(),
    /** Labels for breakdowns: natural / synthetic / seed, template:<id>, <slot>:<value>, ... */
    tags: z.array(nonEmpty).default([]),
    /** For natural items: the story it was cut from. */
    source: itemSourceSchema.optional(),
    /** A sentence on what the item tests, where the prompt alone does not say. */
    note: z.string().optional(),
  })
  .strict()
  .refine((item) => item.wrong === undefined || item.wrong !== item.answer, {
    message: "wrong must differ from answer",
    path: ["wrong"],
  });
export type TaskItem = z.infer<typeof taskItemSchema>;

/** A slot value in a template: plain text, or text with a short label used in tags and ids. */
const slotValueSchema = z.union([z.string(), z.object({ label: nonEmpty, text: z.string() }).strict()]);

/** Synthetic items: every combination of the `with` slot lists, for every `rows` entry. */
export const itemTemplateSchema = z
  .object({
    /** Template id; items get ids <id>-<n> and the tag template:<id>. */
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
    /** What the template varies and why (the red-teaming question it answers). */
    description: nonEmpty,
    /** Prompt pattern with {slot} placeholders. */
    prompt: nonEmpty,
    /** Answer pattern. */
    answer: nonEmpty,
    /** Wrong-answer pattern. */
    wrong: nonEmpty.optional(),
    /** Rows of slot values that go together (e.g. a name and the other name). */
    rows: z.array(z.record(z.string())).min(1),
    /** Slots varied independently: every combination with every row. */
    with: z.record(z.array(slotValueSchema).min(1)).default({}),
    /** Extra tags for every item of the template. */
    tags: z.array(nonEmpty).default([]),
  })
  .strict();
export type ItemTemplate = z.infer<typeof itemTemplateSchema>;

/** The rule for "has the capability", stated on every page that shows a verdict. */
export const verdictRuleSchema = z
  .object({
    /** Minimum share of items whose answer's first token is the top-1 prediction. */
    minTop1: z.number().min(0).max(1),
    /** Where wrong answers exist: the mean logit difference must exceed this. */
    minMeanLogitDiff: z.number(),
  })
  .strict();
export type VerdictRule = z.infer<typeof verdictRuleSchema>;

/** Fields shared by every task (_template.yaml); a task may override any of them. */
export const taskTemplateSchema = z
  .object({
    /** The metric charts and the capability matrix show. */
    mainMetric: z.enum(["p_first", "p_answer", "top1", "logit_diff"]),
    /** The "has the capability" rule. */
    verdict: verdictRuleSchema,
    /** Credit line for items cut from TinyStories text. */
    dataCredit: nonEmpty,
  })
  .strict();
export type TaskTemplate = z.infer<typeof taskTemplateSchema>;

export const taskFileSchema = z
  .object({
    /** Task id: the file name without .yaml, used in URLs and result file names. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    /** Capability name as pages show it. */
    title: nonEmpty,
    /** Bumped whenever items or scoring change; stored in results. */
    version: z.number().int().positive(),
    /** What the task measures, one paragraph. */
    description: nonEmpty,
    /** Hand-written and natural items. */
    items: z.array(taskItemSchema).default([]),
    /** Generators of synthetic items. */
    templates: z.array(itemTemplateSchema).default([]),
  })
  .merge(taskTemplateSchema.partial())
  .strict();
export type TaskFile = z.infer<typeof taskFileSchema>;

/** A loaded task: template fields merged, templates expanded, everything checked. */
export interface Task extends TaskTemplate {
  id: string;
  title: string;
  version: number;
  description: string;
  items: TaskItem[];
  /** The YAML file it came from (for error messages and provenance). */
  file: string;
  /** sha256 of the task file and the template file: changes when anything about the task changes. */
  contentHash: string;
}
