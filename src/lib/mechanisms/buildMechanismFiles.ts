// Assembles a task's mechanism file (from each model's summary, summarizeModel.ts) and its per-model items
// files, numbers rounded to float32 precision and validated against the schema before anything is written.
import path from "node:path";
import { roundNumbers } from "../results/buildResultFile.ts";
import type { CodeProvenance } from "../results/codeProvenance.ts";
import type { Task } from "../tasks/taskSchema.ts";
import { ATTENTION_FORMAT, encodeAttentionRows } from "./attentionCodec.ts";
import { type ItemsFile, itemsFileSchema } from "./itemsFileSchema.ts";
import { MECHANISM_SCHEMA_VERSION, MECHANISM_VERSION, type MechanismFile, type ModelMechanisms, mechanismFileSchema } from "./mechanismSchema.ts";
import { methods } from "./methods.ts";
import type { ModelEvidence } from "./summarizeModel.ts";

/** The items file of (task, model), relative to the mechanisms folder; ids are made safe for paths. */
export function itemsFilePath(taskId: string, modelId: string): string {
  return `items/${taskId}/${modelId.replace(/[^A-Za-z0-9._-]/g, "_")}.json`;
}

export function buildMechanismFile(
  task: Task,
  models: ModelMechanisms[],
  stories: MechanismFile["stories"],
  provenance: CodeProvenance,
  root: string,
): MechanismFile {
  const file: MechanismFile = {
    schemaVersion: MECHANISM_SCHEMA_VERSION,
    task: {
      id: task.id,
      title: task.title,
      version: task.version,
      contentHash: task.contentHash,
      file: path.relative(root, task.file).split(path.sep).join("/"),
    },
    provenance: { codeVersion: provenance.codeVersion, date: provenance.date, mechanismVersion: MECHANISM_VERSION },
    stories,
    method: methods,
    models,
  };
  return mechanismFileSchema.parse(roundNumbers(file));
}

/** Lens tokens shown per block in the items file. */
const ITEM_LENS_TOP = 3;

export function buildItemsFile(task: Task, m: ModelEvidence): ItemsFile {
  const tokenText = m.tokenText;
  const file: ItemsFile = {
    schemaVersion: MECHANISM_SCHEMA_VERSION,
    task: task.id,
    model: m.model.id,
    layers: m.model.layers,
    heads: m.model.heads,
    format: ATTENTION_FORMAT,
    items: m.evidence.map((e, i) => ({
      id: m.itemIds[i],
      tokens: e.promptIds.map(tokenText),
      answer: tokenText(e.answer),
      wrong: e.wrong === null ? null : tokenText(e.wrong),
      attention: encodeAttentionRows(m.attentionRows[i]),
      lens: e.lens.map((b) => ({
        rank: b.rank,
        logprob: b.logprob,
        top: b.topIds.slice(0, ITEM_LENS_TOP).map((id, k) => ({ text: tokenText(id), p: Math.exp(b.topLogprobs[k]) })),
      })),
    })),
  };
  return itemsFileSchema.parse(roundNumbers(file));
}
