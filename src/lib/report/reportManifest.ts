// report/manifest.json: where every number came from (each input file with its sha256 and provenance,
// each model's and baseline's identity) and the sha256 of every file the report wrote beside it. Keys are
// sorted at every level, so equal reports are equal bytes.
import type { ScorerInfo } from "../results/resultSchema.ts";
import type { ReportInputs } from "./reportInputs.ts";
import type { ReportSource } from "./reportSource.ts";
import { sourceLine } from "./reportScorers.ts";

export const MANIFEST_FILE = "manifest.json";
export const REPORT_FORMAT_VERSION = 1;

function scorerProvenance(s: ScorerInfo): Record<string, unknown> {
  if (s.type === "baseline") {
    return { type: s.type, id: s.id, title: s.title, kind: "baseline", source: sourceLine(s), fingerprint: s.fingerprint, training: s.training };
  }
  return {
    type: s.type, id: s.id, kind: s.kind, source: sourceLine(s), commit: s.commit, weightsFile: s.weightsFile, weightsSha256: s.weightsSha256,
    layers: s.layers, width: s.width, heads: s.heads, parameters: s.parameters,
  };
}

export function reportManifest(inputs: ReportInputs, scorers: ScorerInfo[], source: ReportSource, siteUrl: string, outputs: Map<string, string>): unknown {
  const { manifest, manifestFile, analysisFile } = inputs.tokens;
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    generator: "atlas report (npm run report)",
    siteUrl,
    date: source.date,
    codeVersion: source.codeVersion,
    codeVersions: source.codeVersions,
    inputs: {
      results: inputs.results.map(({ file, result }) => ({
        ...file,
        task: result.task.id,
        taskVersion: result.task.version,
        taskFile: result.task.file,
        contentHash: result.task.contentHash,
        codeVersion: result.provenance.codeVersion,
        scorerVersion: result.provenance.scorerVersion,
        date: result.provenance.date,
        bootstrapResamples: result.provenance.bootstrapResamples,
      })),
      tokens: {
        manifest: { ...manifestFile, text: manifest.text, ...manifest.provenance },
        analysis: analysisFile,
      },
      capabilities: inputs.capabilities.map(({ file, capability }) => ({ ...file, slug: capability.slug, tasks: capability.tasks })),
      mechanisms: inputs.mechanisms.map(({ file, mechanisms }) => ({
        ...file,
        task: mechanisms.task.id,
        taskVersion: mechanisms.task.version,
        contentHash: mechanisms.task.contentHash,
        codeVersion: mechanisms.provenance.codeVersion,
        mechanismVersion: mechanisms.provenance.mechanismVersion,
        date: mechanisms.provenance.date,
        models: mechanisms.models.map((m) => ({ id: m.model.id, weightsSha256: m.model.weightsSha256, items: m.items.used })),
      })),
    },
    scorers: scorers.map(scorerProvenance),
    outputs: Object.fromEntries([...outputs].sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

/** JSON with object keys sorted at every level (arrays keep their order), two-space indent. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(sort(value), null, 2) + "\n";
}
