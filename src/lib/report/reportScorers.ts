// The models and baselines the report speaks of: every scorer of every result file and of the per-token
// data, once each, models by size then baselines. One id must mean one set of weights (or one baseline
// fit) everywhere; a report mixing two under one name would quote numbers of different models as one.
import { AtlasError } from "../errors.ts";
import type { ScorerInfo } from "../results/resultSchema.ts";
import { nonPublishedModels, orderedScorers } from "../site/resultViews.ts";
import type { ReportInputs } from "./reportInputs.ts";

/** What makes two scorer records the same scorer. */
function identity(s: ScorerInfo): string {
  return s.type === "model" ? `model ${s.kind} weights sha256 ${s.weightsSha256}` : `baseline fingerprint ${s.fingerprint}`;
}

export function reportScorers(inputs: ReportInputs): ScorerInfo[] {
  const seen = new Map<string, { info: ScorerInfo; file: string }>();
  const add = (info: ScorerInfo, file: string) => {
    const before = seen.get(info.id);
    if (!before) return void seen.set(info.id, { info, file });
    if (identity(before.info) !== identity(info)) {
      throw new AtlasError(
        `scorer ${info.id} is ${identity(info)} here but ${identity(before.info)} in ${before.file} (regenerate the data with one model set)`,
        { file },
      );
    }
  };
  for (const { file, result } of inputs.results) for (const s of result.scorers) add(s, file.path);
  for (const s of inputs.tokens.manifest.scorers) add(s.info, inputs.tokens.manifestFile.path);
  return orderedScorers([...seen.values()].map((v) => v.info));
}

/** The models that are not published TinyStories weights (replicas, fixtures, local checkpoints). */
export function standInModels(scorers: ScorerInfo[]): string[] {
  return nonPublishedModels(scorers).map((s) => s.id);
}

/** Where a model's checkpoint came from, in one line. */
export function sourceLine(s: ScorerInfo): string {
  if (s.type === "baseline") return s.training.source;
  return s.source.kind === "hub" ? `${s.source.repo}@${s.source.revision}` : s.source.path;
}
