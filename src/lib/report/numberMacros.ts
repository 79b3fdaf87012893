// Every number the paper may quote, as named macros: a group per topic, each macro with its LaTeX value
// and what it means. Values are copied from the input files (never recomputed) and formatted by
// latexNumbers; names follow macroNames (see numbersDoc for the scheme in words).
import { shortCodeVersion } from "../figures/citation.ts";
import type { ResultFile, ScorerInfo } from "../results/resultSchema.ts";
import type { Aggregate, Interval } from "../scoring/aggregate.ts";
import { metricInterval, metricLabels, orderedScorers } from "../site/resultViews.ts";
import { latexCount, latexReal, RANK_DECIMALS } from "./latexNumbers.ts";
import { idToLetters, type MacroNames } from "./macroNames.ts";
import type { ReportInputs } from "./reportInputs.ts";
import type { ReportSource } from "./reportSource.ts";

export interface NumberMacro {
  /** Without the backslash. */
  name: string;
  /** The LaTeX it expands to. */
  value: string;
  meaning: string;
}

export interface NumberGroup {
  title: string;
  macros: NumberMacro[];
}

/** The per task x scorer statistics: macro word, label, and where the value is in an aggregate. */
export const taskStatistics: Array<{ word: string; label: (r: ResultFile) => string; get: (a: Aggregate, r: ResultFile) => Interval | null; decimals?: number }> = [
  { word: "Main", label: (r) => `main metric (${metricLabels[r.task.mainMetric]})`, get: (a, r) => metricInterval(a, r.task.mainMetric) },
  { word: "PFirst", label: () => metricLabels.p_first, get: (a) => a.mean_p_first },
  { word: "PAnswer", label: () => metricLabels.p_answer, get: (a) => a.mean_p_answer },
  { word: "TopOne", label: () => metricLabels.top1, get: (a) => a.top1_rate },
  { word: "MedianRank", label: () => "median rank of the first answer token", get: (a) => a.median_rank, decimals: RANK_DECIMALS },
  { word: "LogitDiff", label: () => metricLabels.logit_diff, get: (a) => a.mean_logit_diff },
];

/** Macro name from parts: "atlas" + each part as letters. */
export function macroName(...parts: string[]): string {
  return "atlas" + parts.map(idToLetters).join("");
}

class GroupBuilder {
  readonly macros: NumberMacro[] = [];
  constructor(private readonly names: MacroNames) {}
  add(parts: string[], value: string, meaning: string): void {
    this.macros.push({ name: this.names.claim(macroName(...parts), meaning), value, meaning });
  }
  /** The value and, with suffixes Low and High, its 95% interval. */
  interval(parts: string[], i: Interval, meaning: string, decimals?: number): void {
    this.add(parts, latexReal(i.value, decimals), meaning);
    this.add([...parts, "Low"], latexReal(i.low, decimals), `${meaning}: 95% interval, low end`);
    this.add([...parts, "High"], latexReal(i.high, decimals), `${meaning}: 95% interval, high end`);
  }
}

export function numberGroups(inputs: ReportInputs, scorers: ScorerInfo[], source: ReportSource, names: MacroNames): NumberGroup[] {
  const groups: NumberGroup[] = [];
  const group = (title: string, fill: (g: GroupBuilder) => void) => {
    const g = new GroupBuilder(names);
    fill(g);
    groups.push({ title, macros: g.macros });
  };
  const results = inputs.results.map((r) => r.result);

  group("The atlas", (g) => {
    g.add(["Date"], source.date, "date of the results (from the result files' provenance)");
    g.add(["Code", "Version"], shortCodeVersion(source.codeVersion), "code version that wrote the results (short commit)");
    g.add(["Capability", "Count"], latexCount(inputs.capabilities.length), "capability pages");
    g.add(["Task", "Count"], latexCount(results.length), "tasks with a result file");
    g.add(["Item", "Count"], latexCount(results.reduce((n, r) => n + r.items.length, 0)), "task items over all tasks");
    g.add(["Model", "Count"], latexCount(scorers.filter((s) => s.type === "model").length), "models");
    g.add(["Baseline", "Count"], latexCount(scorers.filter((s) => s.type === "baseline").length), "baselines");
    g.add(["Bootstrap", "Resamples"], latexCount(source.bootstrapResamples), "bootstrap resamples behind every 95% interval");
  });

  group("Models and baselines", (g) => {
    for (const s of scorers) {
      if (s.type === "model") {
        g.add(["Parameters", s.id], latexCount(s.parameters), `${s.id}: parameters (tied embedding counted once)`);
        g.add(["Parameters", "Millions", s.id], (s.parameters / 1e6).toFixed(1), `${s.id}: parameters in millions, 1 decimal (as the site's labels)`);
        g.add(["Layers", s.id], latexCount(s.layers), `${s.id}: transformer blocks`);
        g.add(["Width", s.id], latexCount(s.width), `${s.id}: residual stream width`);
      } else {
        g.add(["Training", "Stories", s.id], latexCount(s.training.stories), `${s.id}: stories of its training text`);
        g.add(["Training", "Tokens", s.id], latexCount(s.training.tokens), `${s.id}: tokens of its training text`);
      }
    }
  });

  for (const result of results) {
    const task = result.task.id;
    group(`Task ${task}: ${result.task.title}`, (g) => {
      g.add([task, "Items"], latexCount(result.items.length), `${task}: items`);
      g.add([task, "Version"], latexCount(result.task.version), `${task}: task version`);
      const models = result.scorers.filter((s) => s.type === "model");
      g.add([task, "Models", "With"], latexCount(models.filter((s) => result.aggregates[s.id].has_capability).length), `${task}: models that have the capability (verdict yes)`);
      for (const s of orderedScorers(result.scorers)) {
        const a = result.aggregates[s.id];
        for (const stat of taskStatistics) {
          const i = stat.get(a, result);
          // A statistic that does not exist (no wrong answers, nothing scored) gets no macro: quoting it fails.
          if (i) g.interval([task, stat.word, s.id], i, `${task}, ${s.id}: ${stat.label(result)}`, stat.decimals);
        }
        g.add([task, "Scored", s.id], latexCount(a.n), `${task}, ${s.id}: items scored`);
        g.add([task, "Skipped", s.id], latexCount(a.skipped), `${task}, ${s.id}: items skipped (prompt tokens not a prefix)`);
        g.add([task, "Verdict", s.id], a.has_capability ? "yes" : "no", `${task}, ${s.id}: has the capability (${result.task.verdictText})`);
      }
    });
  }

  const { manifest, analysis } = inputs.tokens;
  group("Per-token loss on the validation stories", (g) => {
    g.add(["Token", "Stories"], latexCount(manifest.text.stories), "validation stories scored per token");
    g.add(["Token", "Count"], latexCount(manifest.text.tokens), "tokens of those stories");
    for (const s of manifest.scorers) {
      if (s.meanLoss) g.interval(["Loss", s.info.id], s.meanLoss, `${s.info.id}: mean loss (nats per token; interval: bootstrap over stories)`);
    }
    analysis.components.forEach((c, k) => {
      g.add(["Pca", "Explained", String(k + 1)], latexReal(c.explained), `share of the variance of per-token loss over models explained by principal component ${k + 1}`);
    });
  });
  return groups;
}
