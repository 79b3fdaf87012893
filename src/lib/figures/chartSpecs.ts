// The vega-lite spec files in src/charts and how a figure fills one: the shared theme merged under the
// spec's own config, {{name}} placeholders in strings replaced, and every named data set inlined.
import type { TopLevelSpec } from "vega-lite";
import theme from "../../charts/theme.json" with { type: "json" };
import mainMetric from "../../charts/main-metric-by-model.vl.json" with { type: "json" };
import top1 from "../../charts/top1-rate-by-model.vl.json" with { type: "json" };
import logitDiff from "../../charts/logit-diff-distribution.vl.json" with { type: "json" };
import breakdown from "../../charts/breakdown-by-tag.vl.json" with { type: "json" };
import headAblation from "../../charts/head-ablation-map.vl.json" with { type: "json" };
import attribution from "../../charts/attribution-by-component.vl.json" with { type: "json" };
import logitLens from "../../charts/logit-lens-by-block.vl.json" with { type: "json" };
import type { FigureKind, Row } from "./figureTypes.ts";

/** Spec file name (in src/charts) by chart. */
export const chartFiles = {
  mainMetric: "main-metric-by-model.vl.json",
  top1: "top1-rate-by-model.vl.json",
  logitDiff: "logit-diff-distribution.vl.json",
  breakdown: "breakdown-by-tag.vl.json",
  headAblation: "head-ablation-map.vl.json",
  attribution: "attribution-by-component.vl.json",
  logitLens: "logit-lens-by-block.vl.json",
} as const;
export type ChartName = keyof typeof chartFiles;

/** The chart each figure kind draws. */
export const figureCharts: Record<FigureKind, ChartName> = {
  "main-metric": "mainMetric",
  top1: "top1",
  "logit-diff": "logitDiff",
  breakdown: "breakdown",
  "head-ablation": "headAblation",
  attribution: "attribution",
  "logit-lens": "logitLens",
};

/** The spec files as imported (figures fill these). */
export const chartTemplates: Record<ChartName, object> = { mainMetric, top1, logitDiff, breakdown, headAblation, attribution, logitLens };

/** A filled spec: `table` is the spec's main data (its top-level `data: {name: "table"}`). */
export function fillSpec(chart: ChartName, vars: Record<string, string>, table: Row[], extra: Record<string, Row[]> = {}): TopLevelSpec {
  return fillTemplate(chartTemplates[chart], vars, table, extra);
}

function fillTemplate(template: object, vars: Record<string, string>, table: Row[], extra: Record<string, Row[]> = {}): TopLevelSpec {
  const empty = new Set(Object.keys(extra).filter((name) => extra[name].length === 0));
  const spec = dropLayersOn(substitute(stripComments(structuredClone(template)), vars), empty) as Record<string, unknown>;
  const { $comment: _, ...themeConfig } = theme as Record<string, unknown>;
  spec.config = mergeDeep(themeConfig, (spec.config as Record<string, unknown>) ?? {});
  spec.datasets = { table, ...extra };
  return spec as unknown as TopLevelSpec;
}

function substitute(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === "string") {
    return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      if (!(name in vars)) throw new Error(`chart spec placeholder {{${name}}} has no value`);
      return vars[name];
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  return value;
}

/** Layers that read an empty data set (no threshold to draw) are left out: vega warns on their empty extent. */
function dropLayersOn(value: unknown, empty: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => dropLayersOn(v, empty));
  if (!isPlain(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      const kept = k === "layer" && Array.isArray(v) ? v.filter((layer) => !(isPlain(layer) && isPlain(layer.data) && empty.has(String(layer.data.name)))) : v;
      return [k, dropLayersOn(kept, empty)];
    }),
  );
}

/** "$comment" notes are for readers of the JSON files; vega-lite's schema rejects them below the top. */
function stripComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripComments);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "$comment").map(([k, v]) => [k, stripComments(v)]));
  }
  return value;
}

function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlain(b) && isPlain(v) ? mergeDeep(b, v) : v;
  }
  return out;
}

function isPlain(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
