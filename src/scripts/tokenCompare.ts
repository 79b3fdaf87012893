// <atlas-token-compare>: per-token log-probabilities of scorer A against scorer B (seed 004) as a canvas
// scatter, their correlation from analysis.json, and the tokens where they disagree most, each with a line
// of context and a link to the explorer at that token. Wires src/components/TokenCompare.astro.
// data-state: idle | loading | ready | error; data-load-ms / data-draw-ms time the last pair.
import { explorerHref } from "./explorerLink.ts";
import { pairOutliers } from "./pairOutliers.ts";
import { drawScatter } from "./scatterPlot.ts";
import { type TokenDataset, loadTokenDataset, staleTokenDataNote } from "./tokenData.ts";
import { tokenContext } from "./tokenText.ts";
import type { TokenColumns } from "../lib/tokens/columnCodec.ts";
import { el } from "./domElement.ts";
import { TokenDataElement } from "./tokenDataElement.ts";

const A_COLOUR = "#d9480f";
const B_COLOUR = "#6f42c1";

class TokenCompare extends TokenDataElement {
  private data: TokenDataset | undefined;
  private shown: { a: string; b: string; ca: TokenColumns; cb: TokenColumns; outliers: ReturnType<typeof pairOutliers> } | null = null;
  private seq = 0;
  private resizeTimer: number | undefined;

  private pick(name: "a" | "b"): HTMLSelectElement {
    return this.find<HTMLSelectElement>(`[data-pick="${name}"]`);
  }

  protected async start(): Promise<void> {
    this.dataset.state = "loading";
    try {
      this.data = await loadTokenDataset(this.dataset.tokensUrl ?? "tokens");
      const stale = staleTokenDataNote(this.data, this.dataset.manifestSha);
      if (stale) this.find<HTMLElement>("[data-status]").after(el("p", "notice", stale));
      for (const name of ["a", "b"] as const) this.pick(name).addEventListener("change", () => void this.update());
      // Redraw at the new size (points only; the outlier lists stay).
      window.addEventListener("resize", () => {
        clearTimeout(this.resizeTimer);
        this.resizeTimer = window.setTimeout(() => this.redraw(), 150);
      });
      await this.update();
    } catch (e) {
      this.fail(e);
    }
  }

  private async update(): Promise<void> {
    const data = this.data!;
    const seq = ++this.seq;
    const a = this.pick("a").value;
    const b = this.pick("b").value;
    const started = performance.now();
    this.dataset.state = "loading";
    const status = this.find<HTMLElement>("[data-status]");
    status.textContent = `Loading ${a} and ${b}…`;
    let ca: TokenColumns;
    let cb: TokenColumns;
    try {
      [ca, cb] = await Promise.all([data.columns(a), data.columns(b)]);
    } catch (e) {
      if (seq === this.seq) this.fail(e);
      return;
    }
    if (seq !== this.seq) return;
    const loaded = performance.now();
    const outliers = pairOutliers(ca.logprob, cb.logprob, Number(this.dataset.outliersPerSide ?? 25));
    this.shown = { a, b, ca, cb, outliers };
    this.redraw();
    this.listOutliers();
    const done = performance.now();
    this.dataset.loadMs = (loaded - started).toFixed(1);
    this.dataset.drawMs = (done - loaded).toFixed(1);
    this.dataset.pair = `${a} ${b}`;
    status.textContent = a === b ? "A and B are the same scorer: every point lies on the diagonal. Pick two different ones." : `${data.manifest.text.tokens.toLocaleString("en")} tokens, ${a} against ${b}.`;
    this.dataset.state = "ready";
    void this.showCorrelation(a, b, seq);
  }

  private redraw(): void {
    const s = this.shown;
    if (!s) return;
    const started = performance.now();
    drawScatter(this.find<HTMLCanvasElement>("[data-scatter]"), {
      x: s.ca.logprob,
      y: s.cb.logprob,
      xLabel: `log p under A: ${s.a} (nats)`,
      yLabel: `log p under B: ${s.b} (nats)`,
      marks: [
        { tokens: s.outliers.aAbove, colour: A_COLOUR },
        { tokens: s.outliers.bAbove, colour: B_COLOUR },
      ],
    });
    this.dataset.scatterMs = (performance.now() - started).toFixed(1);
  }

  /** The correlation comes from analysis.json (computed by `atlas tokens`), not from the page. */
  private async showCorrelation(a: string, b: string, seq: number): Promise<void> {
    const out = this.find<HTMLElement>("[data-correlation]");
    try {
      const analysis = await this.data!.analysis();
      if (seq !== this.seq) return;
      const i = analysis.scorerIds.indexOf(a);
      const j = analysis.scorerIds.indexOf(b);
      out.textContent = i >= 0 && j >= 0 ? `Pearson correlation of the two columns: r = ${analysis.correlations[i][j].toFixed(3)}.` : "";
      out.dataset.r = i >= 0 && j >= 0 ? String(analysis.correlations[i][j]) : "";
    } catch {
      out.textContent = "(No analysis.json published: the correlation is unavailable.)";
    }
  }

  private listOutliers(): void {
    const data = this.data!;
    const { a, b, ca, cb, outliers } = this.shown!;
    const exploreUrl = this.dataset.exploreUrl ?? "../explore/";
    const offsets = data.manifest.storyOffsets;
    const item = (t: number) => {
      const story = data.storyOf(t);
      const c = tokenContext(data.ids, data.text, offsets, story, t, 8, 3);
      const diff = ca.logprob[t] - cb.logprob[t];
      const link = el("a", "token-snippet-link", `story ${story}`);
      link.href = explorerHref(exploreUrl, { story, model: a, vs: b, view: "diff", token: t });
      const li = el(
        "li",
        "",
        el("span", "num", `${diff >= 0 ? "+" : "−"}${Math.abs(diff).toFixed(2)}`),
        " ",
        link,
        el("span", "token-snippet", `${c.cutBefore ? "…" : ""}${c.before}`, el("mark", "", c.token), `${c.after}${c.cutAfter ? "…" : ""}`),
      );
      li.title = `log p under ${a}: ${ca.logprob[t].toFixed(3)}; under ${b}: ${cb.logprob[t].toFixed(3)}`;
      li.dataset.token = String(t);
      li.dataset.diff = String(diff);
      return li;
    };
    this.find<HTMLElement>('[data-outliers="a"]').replaceChildren(...outliers.aAbove.map(item));
    this.find<HTMLElement>('[data-outliers="b"]').replaceChildren(...outliers.bAbove.map(item));
  }
}

if (!customElements.get("atlas-token-compare")) customElements.define("atlas-token-compare", TokenCompare);
