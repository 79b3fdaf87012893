// The mechanism figures on the real result and mechanism files: one of each kind per task with usable
// evidence, none where the evidence is missing or of another version of the task, and rows that are the
// mechanism file's numbers (heatmap cells, attribution parts adding up to the actual value, lens blocks).
import { describe, expect, it } from "vitest";
import { attributionRows, TOTAL_COMPONENT } from "../../../src/lib/figures/attributionFigure.ts";
import { headAblationRows } from "../../../src/lib/figures/headAblationFigure.ts";
import { logitLensRows } from "../../../src/lib/figures/logitLensFigure.ts";
import { figuresForResults, figuresForTask } from "../../../src/lib/figures/registry.ts";
import { matchMechanisms } from "../../../src/lib/mechanisms/matchMechanisms.ts";
import { loadMechanismFiles } from "./mechanismFiles.ts";
import { loadResultFiles } from "./resultFiles.ts";

const results = loadResultFiles();
const mechanisms = loadMechanismFiles();
const induction = results.find((r) => r.task.id === "induction")!;
const inductionMechanisms = mechanisms.get("induction")!;

describe("mechanism figures in the registry", () => {
  it("adds head ablation, attribution and logit lens after the result figures, with stable ids", () => {
    const ids = figuresForTask(induction, inductionMechanisms).map((f) => f.id);
    expect(ids.slice(-3)).toEqual(["fig-induction-head-ablation", "fig-induction-attribution", "fig-induction-logit-lens"]);
    expect(ids.slice(0, -3)).toEqual(figuresForTask(induction).map((f) => f.id));
  });

  it("gives every task with a mechanism file one figure of each kind", () => {
    const all = figuresForResults(results, mechanisms);
    for (const r of results) {
      const kinds = all.filter((f) => f.task === r.task.id).map((f) => f.kind);
      const expected = mechanisms.has(r.task.id) ? 1 : 0;
      for (const kind of ["head-ablation", "attribution", "logit-lens"] as const) expect(kinds.filter((k) => k === kind).length, `${r.task.id} ${kind}`).toBe(expected);
    }
  });

  it("leaves them out, with a reason, for a task without evidence or with evidence of another task version", () => {
    expect(matchMechanisms(induction, null)).toEqual({ ok: false, reason: expect.stringMatching(/no mechanism evidence for task induction.*atlas mechanisms/) });
    const stale = { ...inductionMechanisms, task: { ...inductionMechanisms.task, contentHash: "older" } };
    expect(matchMechanisms(induction, stale)).toEqual({ ok: false, reason: expect.stringMatching(/another version of its items/) });
    expect(figuresForTask(induction, stale).map((f) => f.kind)).toEqual(figuresForTask(induction).map((f) => f.kind));
    const other = mechanisms.get("ioi")!;
    expect(matchMechanisms(induction, other).ok).toBe(false);
  });

  it("cites the mechanism file's code version and date", () => {
    const fig = figuresForTask(induction, inductionMechanisms).find((f) => f.kind === "attribution")!;
    expect(fig.source.codeVersion).toBe(inductionMechanisms.provenance.codeVersion);
    expect(fig.source.date).toBe(inductionMechanisms.provenance.date);
    expect(fig.source.mechanismVersion).toBe(inductionMechanisms.provenance.mechanismVersion);
    expect(fig.caption).toContain(inductionMechanisms.models.map((m) => m.model.id).join(", "));
  });
});

describe("heatmap rows", () => {
  const rows = headAblationRows(induction, inductionMechanisms);

  it("hold one cell per model, layer and head, with the file's effect", () => {
    expect(rows.length).toBe(inductionMechanisms.models.reduce((n, m) => n + m.model.layers * m.model.heads, 0));
    for (const [order, m] of inductionMechanisms.models.entries()) {
      const mine = rows.filter((r) => r.model === m.model.id);
      expect(new Set(mine.map((r) => r.order))).toEqual(new Set([order]));
      for (const r of mine) expect(r.effect).toBe(m.ablation.effects[r.layer as number][r.head as number]);
    }
  });

  it("mark exactly the top heads, in rank order, with their s.e. and attention label", () => {
    for (const m of inductionMechanisms.models) {
      const top = rows.filter((r) => r.model === m.model.id && r.top === "top head").sort((a, b) => (a.top_rank as number) - (b.top_rank as number));
      expect(top.map((r) => r.name)).toEqual(m.ablation.topHeads.map((h) => h.head));
      expect(top.map((r) => r.sem)).toEqual(m.ablation.topHeads.map((h) => h.sem));
      expect(top.map((r) => String(r.attention).split(":")[0])).toEqual(m.ablation.topHeads.map((h) => h.label.name));
      expect(rows.filter((r) => r.model === m.model.id && r.top === "other").every((r) => r.sem === null && r.top_rank === null)).toBe(true);
    }
  });
});

describe("attribution rows", () => {
  it("are the embedding, each block's attention and MLP, the LayerNorm bias, then the actual total they add up to", () => {
    for (const r of results) {
      const file = mechanisms.get(r.task.id);
      if (!file || !matchMechanisms(r, file).ok) continue;
      const rows = attributionRows(r, file);
      for (const m of file.models) {
        const mine = rows.filter((x) => x.model === m.model.id);
        expect(mine.map((x) => x.component)).toEqual([
          "embedding",
          ...Array.from({ length: m.model.layers }, (_, l) => [`attention ${l}`, `MLP ${l}`]).flat(),
          "LayerNorm bias",
          TOTAL_COMPONENT,
        ]);
        expect(mine.map((x) => x.index)).toEqual(mine.map((_, i) => i));
        const parts = mine.slice(0, -1).reduce((a, x) => a + (x.value as number), 0);
        expect(Math.abs(parts - m.attribution.sum), `${r.task.id} ${m.model.id}`).toBeLessThan(1e-4);
        expect(mine[mine.length - 1].value).toBe(m.attribution.actual);
        expect(Math.abs(parts - m.attribution.actual)).toBeLessThanOrEqual(m.attribution.maxAbsError + 1e-4);
      }
    }
  });
});

describe("logit lens rows", () => {
  it("hold every block of every model, in order", () => {
    const rows = logitLensRows(induction, inductionMechanisms);
    for (const m of inductionMechanisms.models) {
      const mine = rows.filter((x) => x.model === m.model.id);
      expect(mine.map((x) => x.block)).toEqual(m.lens.map((b) => b.block));
      expect(mine.map((x) => x.median_rank)).toEqual(m.lens.map((b) => b.medianRank));
      expect(mine.every((x) => x.blocks === m.model.layers)).toBe(true);
    }
  });
});
