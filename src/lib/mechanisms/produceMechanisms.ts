// The mechanism producer (`atlas mechanisms`): every configured model over every task -> evidence per item
// (cached by weights sha256 + item text + MECHANISM_VERSION), top neurons' story tokens (cached), then
// data/mechanisms/<task>.json and items/<task>/<model>.json, built whole before anything is written.
import fs from "node:fs";
import path from "node:path";
import type { AtlasContext } from "../atlasContext.ts";
import type { Progress } from "../cli/progress.ts";
import { loadTokenizer } from "../models/loadTokenizer.ts";
import { preparedFiles } from "../models/preparedManifest.ts";
import { prepareModel } from "../models/prepareModel.ts";
import type { ModelEntry } from "../models/registry.ts";
import type { CodeProvenance } from "../results/codeProvenance.ts";
import type { Task } from "../tasks/taskSchema.ts";
import { buildItemsFile, buildMechanismFile, itemsFilePath } from "./buildMechanismFiles.ts";
import { decodeFloat32 } from "./float32Codec.ts";
import { gatherEvidence } from "./gatherEvidence.ts";
import type { ItemsFile } from "./itemsFileSchema.ts";
import type { MechanismFile, ModelMechanisms } from "./mechanismSchema.ts";
import { preparedMlpWidth } from "./mechanismWeights.ts";
import { modelNeurons, type TokenizedStories } from "./modelNeurons.ts";
import { type ModelEvidence, summarizeModel } from "./summarizeModel.ts";
import { writeMechanisms } from "./writeMechanisms.ts";

export interface ProduceMechanismsDeps {
  ctx: AtlasContext;
  /** The validation stories (null: neurons get no top tokens); loaded only when asked for. */
  stories: () => Promise<(TokenizedStories & { count: number }) | null>;
  provenance: CodeProvenance;
  progress: Progress;
  log: (line: string) => void;
  outDir: string;
}

export interface ProduceMechanismsResult {
  /** Files (re)written. */
  written: string[];
  /** Items whose evidence was computed (not cached). */
  itemsRun: number;
  /** Forward passes run: clean + ablated + story passes. */
  runs: number;
  failures: Array<{ id: string; error: string }>;
  /** "model/task/item: reason". */
  skipped: string[];
}

export async function produceMechanisms(tasks: Task[], models: ModelEntry[], deps: ProduceMechanismsDeps): Promise<ProduceMechanismsResult> {
  const result: ProduceMechanismsResult = { written: [], itemsRun: 0, runs: 0, failures: [], skipped: [] };
  // Summaries and items files only: a model's raw evidence is dropped once summarised (memory).
  const perTask = new Map<string, Array<{ summary: ModelMechanisms; items: ItemsFile }>>(tasks.map((t) => [t.id, []]));
  let stories: Awaited<ReturnType<ProduceMechanismsDeps["stories"]>> | undefined; // loaded once, after a model is ready
  for (const entry of models) {
    try {
      const prepared = await prepareModel(entry, deps.ctx);
      const m = prepared.manifest;
      const tokenizer = await loadTokenizer(prepared.dir, entry.id);
      // onnx/mechanism.onnx: read only if a cache lacks something, then once for the runner and the neurons.
      let onnxBytes: Uint8Array | undefined;
      const mechanismOnnx = () => (onnxBytes ??= new Uint8Array(fs.readFileSync(path.join(prepared.dir, preparedFiles.onnxMechanism))));
      const gathered = await gatherEvidence(prepared, tokenizer, tasks, { cacheDir: deps.ctx.cacheDir, progress: deps.progress, mechanismOnnx });
      if (stories === undefined) stories = await deps.stories();
      const mlpWidth = preparedMlpWidth(prepared.dir);
      const neurons = await modelNeurons(prepared, tokenizer, gathered.byTask, stories, mlpWidth, { cacheDir: deps.ctx.cacheDir, progress: deps.progress, mechanismOnnx });
      result.itemsRun += gathered.itemsRun;
      result.runs += gathered.runs + neurons.runs;
      for (const task of tasks) {
        const t = gathered.byTask.get(task.id)!;
        for (const s of t.skipped) result.skipped.push(`${entry.id}/${task.id}/${s.id}: ${s.reason}`);
        if (t.evidence.length === 0) continue; // nothing to summarise: the model is left out of this task's file
        const evidence: ModelEvidence = {
          model: { id: entry.id, kind: entry.kind, weightsSha256: m.weightsSha256, layers: m.layers, heads: m.heads, width: m.width, mlpWidth },
          evidence: t.evidence,
          attentionRows: t.evidence.map((e) => decodeFloat32(e.attention)),
          itemIds: t.itemIds,
          skipped: t.skipped,
          neurons: neurons.byTask.get(task.id) ?? [],
          itemsFile: itemsFilePath(task.id, entry.id),
          tokenText: (id) => tokenizer.tokenText(id),
        };
        perTask.get(task.id)!.push({ summary: summarizeModel(evidence), items: buildItemsFile(task, evidence) });
      }
    } catch (e) {
      result.failures.push({ id: entry.id, error: (e as Error).message });
      deps.log(`${entry.id}: FAILED: ${(e as Error).message}`);
    }
  }
  const storyInfo: MechanismFile["stories"] = stories
    ? { source: stories.source, sha256: stories.sha256, stories: stories.count, tokens: stories.offsets[stories.offsets.length - 1] }
    : null;
  const files = new Map<string, unknown>();
  for (const task of tasks) {
    const models = perTask.get(task.id)!;
    files.set(`${task.id}.json`, buildMechanismFile(task, models.map((m) => m.summary), storyInfo, deps.provenance, deps.ctx.root));
    for (const m of models) files.set(m.summary.itemsFile, m.items);
  }
  result.written = writeMechanisms(deps.outDir, files);
  return result;
}
