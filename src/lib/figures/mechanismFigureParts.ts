// What every mechanism figure shares: the per-model columns (id, axis label, size order), the metric the
// evidence is stated in, caption sentences, and the provenance (the mechanism file's code version and date).
import type { MechanismFile, ModelMechanisms } from "../mechanisms/mechanismSchema.ts";
import type { ResultFile } from "../results/resultSchema.ts";
import { count, figureSource, standInWarning } from "./captions.ts";
import type { FigureSource } from "./figureTypes.ts";
import { scorerLabel } from "./scorerFields.ts";

export interface MechanismModelFields {
  [column: string]: string | number;
  model: string;
  /** Facet and legend label: the result file's label (id and parameters) where it scores the model. */
  label: string;
  /** The mechanism file's order: smallest first. */
  order: number;
}

export function mechanismModelFields(result: ResultFile, m: ModelMechanisms, order: number): MechanismModelFields {
  const scorer = result.scorers.find((s) => s.type === "model" && s.id === m.model.id);
  return { model: m.model.id, label: scorer ? scorerLabel(scorer) : m.model.id, order };
}

/** What ablation effects and attributions are changes of, as the items allow. */
export function evidenceMetric(file: MechanismFile): { short: string; long: string } {
  const withWrong = file.models.some((m) => m.items.withWrong > 0);
  const withoutWrong = file.models.some((m) => m.items.withoutWrong > 0);
  if (withWrong && !withoutWrong) return { short: "logit difference", long: "logit(answer) - logit(wrong), first tokens" };
  if (!withWrong) return { short: "log p(answer)", long: "log p(answer's first token)" };
  return { short: "logit difference or log p(answer)", long: "logit(answer) - logit(wrong) on items with a wrong answer, log p(answer's first token) on the others" };
}

/** What the attribution bars add up to: a short axis title and the caption's words. */
export function attributionMetric(file: MechanismFile): { axis: string; long: string } {
  const withWrong = file.models.some((m) => m.items.withWrong > 0);
  const withoutWrong = file.models.some((m) => m.items.withoutWrong > 0);
  if (withWrong && !withoutWrong) return { axis: "mean logit(answer) - logit(wrong)", long: "mean logit(answer) - logit(wrong), first tokens" };
  if (!withWrong) return { axis: "mean logit(answer) - mean logit", long: "mean logit(answer) - mean logit over the vocabulary" };
  return {
    axis: "mean logit(answer) - logit(wrong or mean)",
    long: "mean logit(answer) - logit(wrong), first tokens (minus the mean logit over the vocabulary where an item has no wrong answer)",
  };
}

/** "4 models (a, b, c, d; smallest first), on 16 items each", with a warning for stand-ins. */
export function mechanismModelsSentence(file: MechanismFile): string {
  const ids = file.models.map((m) => m.model.id);
  const used = [...new Set(file.models.map((m) => m.items.used))];
  const items = used.length === 1 ? `on ${count(used[0], "item")} each` : `on ${Math.min(...used)} to ${Math.max(...used)} items`;
  const standIns = file.models.filter((m) => m.model.kind !== "published").length;
  return `${count(ids.length, "model")} (${ids.join(", ")}; smallest first), ${items}.${standInWarning(standIns)}`;
}

export function mechanismProvenanceSentence(file: MechanismFile): string {
  const p = file.provenance;
  return `Task ${file.task.id} v${file.task.version}; code ${p.codeVersion}, mechanism evidence v${p.mechanismVersion}; evidence of ${p.date}.`;
}

export function mechanismSource(result: ResultFile, file: MechanismFile): FigureSource {
  return { ...figureSource(result), codeVersion: file.provenance.codeVersion, date: file.provenance.date, mechanismVersion: file.provenance.mechanismVersion };
}
