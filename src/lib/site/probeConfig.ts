// What a probe widget needs, as one JSON value embedded in the page: the task's items with the build's
// numbers per model, the models whose browser files the site serves, and where those files are.
// Built at site build time from a result file and public/models/index.json; read by src/scripts/probe.ts.
import type { ResultFile } from "../results/resultSchema.ts";
import type { ModelIndex } from "./modelIndex.ts";

export interface ProbeModel {
  id: string;
  kind: "published" | "replica" | "fixture" | "local";
  layers: number;
  width: number;
  parameters: number;
  /** Bytes of onnx/model.onnx, for the "this downloads N MB" hint. */
  onnxBytes: number;
  /** Bytes of all the model's browser files (what loading it downloads). */
  totalBytes: number;
  /** False when the served weights differ from those the build scored: build numbers are then not shown. */
  sameWeightsAsBuild: boolean;
}

/** The build's numbers for one item and model (see src/lib/scoring/itemScore.ts). */
export type ProbeBuildScore =
  | { p_first: number; rank: number; p_wrong: number | null; answer_ids: number[]; wrong_ids: number[] | null }
  | { skipped: string };

export interface ProbeItem {
  id: string;
  prompt: string;
  answer: string;
  wrong: string | null;
  /** build[modelId], for the probe's models only. */
  build: Record<string, ProbeBuildScore>;
}

export interface ProbeConfig {
  task: string;
  /** Folder URL of the model files (ends with "/"): <base>/<id>/config.json, onnx/model.onnx, ... */
  modelBaseUrl: string;
  /** URLs of onnxruntime-web's wasm loader and binary, and the binary's size. */
  ortWasm: { mjs: string; wasm: string; wasmBytes: number };
  /** Smallest first; empty when no model has browser files (the widget then says so). */
  models: ProbeModel[];
  /** The model selected at first: the smallest that is not a random-weights fixture. */
  defaultModel: string | null;
  items: ProbeItem[];
}

export interface ProbeUrls {
  modelBaseUrl: string;
  ortBaseUrl: string;
}

/** Where probes fetch files: ATLAS_MODEL_BASE_URL (build time) for models, else the site's own folders. */
export function probeUrls(siteBase: string, env: Record<string, string | undefined>): ProbeUrls {
  const withSlash = (u: string) => (u.endsWith("/") ? u : `${u}/`);
  const base = withSlash(siteBase);
  return {
    modelBaseUrl: withSlash(env.ATLAS_MODEL_BASE_URL?.trim() || `${base}models/`),
    ortBaseUrl: `${base}ort/`,
  };
}

export function probeConfig(result: ResultFile, index: ModelIndex | undefined, urls: ProbeUrls): ProbeConfig {
  const served = new Map((index?.models ?? []).map((m) => [m.id, m]));
  const models: ProbeModel[] = [];
  for (const s of result.scorers) {
    const m = s.type === "model" ? served.get(s.id) : undefined;
    if (s.type !== "model" || !m) continue;
    models.push({
      id: m.id,
      kind: m.kind,
      layers: m.layers,
      width: m.width,
      parameters: m.parameters,
      onnxBytes: m.onnxBytes,
      totalBytes: m.totalBytes,
      sameWeightsAsBuild: m.weightsSha256 === s.weightsSha256,
    });
  }
  models.sort((a, b) => a.parameters - b.parameters);
  const items: ProbeItem[] = result.items.map((item) => ({
    id: item.id,
    prompt: item.prompt,
    answer: item.answer,
    wrong: item.wrong ?? null,
    build: Object.fromEntries(
      models.map((m) => {
        const e = result.scores[m.id]?.[item.id];
        const score: ProbeBuildScore =
          e === undefined
            ? { skipped: "not scored" }
            : "skipped" in e
              ? { skipped: e.skipped }
              : { p_first: e.p_first, rank: e.rank, p_wrong: e.p_wrong, answer_ids: e.answer_ids, wrong_ids: e.wrong_ids };
        return [m.id, score];
      }),
    ),
  }));
  return {
    task: result.task.id,
    modelBaseUrl: urls.modelBaseUrl,
    ortWasm: index
      ? { mjs: urls.ortBaseUrl + index.ort.mjs, wasm: urls.ortBaseUrl + index.ort.wasm, wasmBytes: index.ort.wasmBytes }
      : { mjs: "", wasm: "", wasmBytes: 0 },
    models,
    defaultModel: (models.find((m) => m.kind !== "fixture") ?? models[0])?.id ?? null,
    items,
  };
}

/** JSON safe inside a <script type="application/json"> element (no "</script>" can end it early). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
