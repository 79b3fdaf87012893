import { describe, expect, it } from "vitest";
import { figuresForTask } from "../../../src/lib/figures/registry.ts";
import { breakdownRows } from "../../../src/lib/figures/breakdownFigure.ts";
import { logitDiffFigure, logitDiffRows } from "../../../src/lib/figures/logitDiffFigure.ts";
import { chartedTagGroups } from "../../../src/lib/figures/tagGroups.ts";
import { metricInterval } from "../../../src/lib/site/resultViews.ts";
import { loadResultFiles, tinyResult } from "./resultFiles.ts";

describe("figure registry on a hand-made result file", () => {
  const result = tinyResult();
  const figures = figuresForTask(result);

  it("gives every figure a stable id by task and kind", () => {
    expect(figures.map((f) => f.id)).toEqual(["fig-tiny-main-metric", "fig-tiny-top1", "fig-tiny-logit-diff", "fig-tiny-breakdown"]);
  });

  it("plots the main metric's aggregates, models smallest first, then baselines", () => {
    const rows = figures[0].rows.map((r) => [r.scorer, r.type, r.order, r.value, r.low, r.high, r.n]);
    expect(rows).toEqual([
      ["small", "model", 0, 0.125, 0.0625, 0.1875, 2],
      ["big", "model", 1, 0.375, 0.1875, 0.5625, 2],
      ["copy", "baseline", 2, 0.625, 0.3125, 0.9375, 2],
    ]);
    expect(figures[0].rows[1].label).toBe("big (2.0M)");
    expect(figures[0].extra.rules).toEqual([]); // no threshold on p_first
  });

  it("plots top-1 rates with the threshold and each verdict", () => {
    const top1 = figures[1];
    expect(top1.rows.map((r) => [r.scorer, r.value, r.has_capability])).toEqual([
      ["small", 0, "no"],
      ["big", 0.5, "yes"],
      ["copy", 1, "yes"],
    ]);
    expect(top1.extra.rules).toEqual([{ at: 0.5, text: "verdict needs top-1 rate >= 0.5" }]);
  });

  it("lists every item's logit difference, skipping items without a wrong answer or skipped", () => {
    const fig = figures[2];
    expect(fig.rows.map((r) => [r.scorer, r.item, r.logit_diff])).toEqual([
      ["small", "a", -0.5],
      ["big", "a", 1.25],
      ["copy", "a", 3],
    ]);
    expect(fig.extra.means.map((r) => [r.scorer, r.value, r.low, r.high, r.n_with_wrong])).toEqual([
      ["small", -0.5, -1.5, 0.5, 1],
      ["big", 1.25, 0.25, 2.25, 1],
      ["copy", 3, 2, 4, 1],
    ]);
  });

  it("breaks down by tag group, source first, template tags left out", () => {
    const rows = figures[3].rows;
    expect([...new Set(rows.map((r) => r.tag_label))]).toEqual(["source: seed (1 item)", "source: natural (1 item)", "distance: near (1 item)", "distance: far (1 item)"]);
    expect(rows.filter((r) => r.tag === "distance:far").map((r) => [r.scorer, r.value])).toEqual([
      ["small", 0.296875],
      ["big", 0.171875],
      ["copy", 0.421875],
    ]);
  });

  it("states items, scorers, intervals and provenance in captions", () => {
    expect(figures[0].caption).toBe(
      "Mean p(first answer token) on the 2 items of task tiny, for 2 models (small, big; smallest first) and 1 baseline (copy). " +
        "2 of the models are replicas or fixtures, not published TinyStories weights. Points are the statistic over all items, bars its interval. " +
        "Intervals are 95% percentile-bootstrap intervals over items (1000 resamples). " +
        "Task tiny v3; code 0123456789abcdef0123456789abcdef01234567-dirty, scorer v2; results of 2026-11-21.",
    );
  });

  it("inlines the rows and data sets into the spec, with the theme", () => {
    const spec = figures[2].spec as unknown as { datasets: Record<string, unknown>; config: { font: string }; data: unknown };
    expect(spec.data).toEqual({ name: "table" });
    expect(spec.datasets.table).toEqual(figures[2].rows);
    expect(spec.datasets.means).toEqual(figures[2].extra.means);
    expect(spec.config.font).toContain("Liberation Sans");
  });

  it("has no logit-difference figure where no item has a wrong answer", () => {
    const noWrong = { ...result, items: result.items.map(({ wrong: _, ...item }) => item) };
    expect(logitDiffFigure(noWrong)).toBeNull();
    expect(figuresForTask(noWrong).map((f) => f.kind)).toEqual(["main-metric", "top1", "breakdown"]);
  });
});

describe("tag groups", () => {
  it("groups by prefix, orders near/mid/far, drops templates and single or crowded groups", () => {
    const groups = chartedTagGroups(["synthetic", "seed", "natural", "distance:far", "distance:near", "distance:mid", "template:a", "template:b", "mention:2", ...Array.from({ length: 7 }, (_, i) => `cue:c${i}`)]);
    expect(groups).toEqual([
      { group: "source", tags: ["seed", "natural", "synthetic"] },
      { group: "distance", tags: ["distance:near", "distance:mid", "distance:far"] },
    ]);
  });
});

describe("figures of every real result file", () => {
  const results = loadResultFiles();

  it.each(results.map((r) => [r.task.id, r] as const))("%s: rows equal the result file's numbers, in size order", (_, result) => {
    const models = result.scorers.filter((s) => s.type === "model").sort((a, b) => (a.type === "model" && b.type === "model" ? a.parameters - b.parameters : 0));
    const order = [...models, ...result.scorers.filter((s) => s.type === "baseline")].map((s) => s.id);
    const [main] = figuresForTask(result);
    expect(main.rows.map((r) => r.scorer)).toEqual(order);
    for (const row of main.rows) {
      const i = metricInterval(result.aggregates[row.scorer as string], result.task.mainMetric);
      expect([row.value, row.low, row.high]).toEqual([i?.value ?? null, i?.low ?? null, i?.high ?? null]);
    }
    for (const row of logitDiffRows(result)) {
      const e = result.scores[row.scorer as string][row.item as string];
      expect("skipped" in e ? null : e.logit_diff).toBe(row.logit_diff);
    }
    for (const row of breakdownRows(result)) {
      const i = metricInterval(result.breakdowns[row.scorer as string][row.tag as string], result.task.mainMetric);
      expect(row.value).toBe(i?.value ?? null);
    }
  });
});
