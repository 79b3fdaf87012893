// <atlas-discover>: the discovery page (src/pages/discover/index.astro). Loads the per-token data on demand
// (manifest, ids, vocabulary, pattern bits, and the columns of the chosen models only), then on every change
// of model or filter recomputes the funnel, the groups and the residue with src/lib/tokens/discovery.ts.
// The view's state lives in the URL (?a=&b=&filters=), so a view can be shared.
// data-state on the element: loading | ready | error.
import type { DiscoverConfig } from "../lib/site/discoverPageData.ts";
import { type Discovery, discover, newIn, pickExamples } from "../lib/tokens/discovery.ts";
import { GROUP_EXAMPLES, RESIDUE_EXAMPLES, RESIDUE_ROWS, type RenderContext, funnelTable, groupsTable, residueTable, share } from "./discoverRender.ts";
import { type PatternDataset, loadTokenPatterns } from "./patternData.ts";
import { type TokenDataset, loadTokenDataset } from "./tokenData.ts";
import { el } from "./domElement.ts";

class AtlasDiscover extends HTMLElement {
  private config!: DiscoverConfig;
  private data!: TokenDataset;
  private patterns!: PatternDataset;
  private seq = 0;

  private get modelA() { return this.querySelector<HTMLSelectElement>("[data-model-a]")!; }
  private get modelB() { return this.querySelector<HTMLSelectElement>("[data-model-b]")!; }
  private get filterBoxes() { return [...this.querySelectorAll<HTMLInputElement>("input[data-filter]")]; }
  private panel(name: "a" | "b") { return this.querySelector<HTMLElement>(`[data-panel="${name}"]`)!; }

  connectedCallback(): void {
    this.config = JSON.parse(this.querySelector("script[data-discover-config]")!.textContent!) as DiscoverConfig;
    this.readUrl();
    this.addEventListener("change", () => {
      this.writeUrl();
      void this.render();
    });
    void this.load();
  }

  private async load(): Promise<void> {
    this.setState("loading", "Loading the per-token data…");
    try {
      [this.data, this.patterns] = await Promise.all([loadTokenDataset(this.config.tokensUrl), loadTokenPatterns(this.config.tokensUrl)]);
      const sha = this.data.manifest.text.sha256;
      if (sha !== this.config.textSha256) throw new Error("the published tokens/ are not the data this page was built from: run `atlas site-assets` and build again");
      if (this.patterns.meta.textSha256 !== sha) throw new Error("patterns.json labels other stories than manifest.json: rerun `atlas tokens`");
      await this.render();
    } catch (e) {
      this.setState("error", `Could not load the per-token data: ${(e as Error).message}`);
    }
  }

  private setState(state: "loading" | "ready" | "error", message: string): void {
    this.setAttribute("data-state", state);
    const status = this.querySelector<HTMLElement>("[data-status]")!;
    status.textContent = message;
    status.hidden = message === "";
    status.classList.toggle("error", state === "error");
  }

  private readUrl(): void {
    const q = new URLSearchParams(location.search);
    const pick = (select: HTMLSelectElement, value: string | null) => {
      if (value !== null && [...select.options].some((o) => o.value === value)) select.value = value;
    };
    pick(this.modelA, q.get("a"));
    pick(this.modelB, q.get("b"));
    const filters = q.get("filters");
    if (filters !== null) {
      const on = new Set(filters.split(",").filter(Boolean));
      for (const box of this.filterBoxes) box.checked = on.has(box.dataset.filter!);
    }
  }

  private writeUrl(): void {
    const q = new URLSearchParams({ a: this.modelA.value });
    if (this.modelB.value) q.set("b", this.modelB.value);
    q.set("filters", this.filters().join(","));
    history.replaceState(null, "", `${location.pathname}?${q}${location.hash}`);
  }

  private filters(): string[] {
    return this.filterBoxes.filter((b) => b.checked).map((b) => b.dataset.filter!);
  }

  private async render(): Promise<void> {
    if (!this.data) return;
    const seq = ++this.seq;
    const [a, b] = [this.modelA.value, this.modelB.value];
    this.setState("loading", `Loading ${[a, b].filter(Boolean).join(" and ")}…`);
    try {
      const [colA, colB] = await Promise.all([this.data.columns(a), b ? this.data.columns(b) : null]);
      if (seq !== this.seq) return;
      const n = this.data.manifest.text.tokens;
      const all = new Uint8Array(n).fill(1);
      const filters = new Set(this.filters());
      const cols = this.patterns.columns;
      const ids = this.data.ids;
      const resultA = discover([{ label: "all tokens", mask: all }, { label: `${a} correct and confident`, mask: colA.confident }], cols, filters, ids);
      this.fillPanel(this.panel("a"), { ...this.context(a), heading: `Correct and confident: ${a}` }, resultA);
      const panelB = this.panel("b");
      panelB.hidden = !colB;
      if (colB) {
        const stages = [
          { label: "all tokens", mask: all },
          { label: `${b} correct and confident`, mask: colB.confident },
          { label: `… and ${a} not`, mask: newIn(colB.confident, colA.confident) },
        ];
        this.fillPanel(panelB, { ...this.context(b), heading: `New in ${b}: correct and confident, where ${a} is not` }, discover(stages, cols, filters, ids));
      } else panelB.replaceChildren();
      this.setState("ready", "");
    } catch (e) {
      if (seq === this.seq) this.setState("error", (e as Error).message);
    }
  }

  private context(model: string): RenderContext {
    return { data: this.data, patterns: this.patterns.meta, config: this.config, model };
  }

  private fillPanel(panel: HTMLElement, ctx: RenderContext & { heading: string }, d: Discovery): void {
    const all = d.funnel[0].count;
    const start = d.funnel[d.funnel.filter((s) => s.pattern === null).length - 1].count;
    const storyOf = (t: number) => this.data.storyOf(t);
    const ids = this.data.ids;
    const shown = d.residue.slice(0, RESIDUE_ROWS);
    panel.replaceChildren(
      el("h2", { text: ctx.heading }),
      el(
        "p",
        {},
        el("strong", { text: String(start), attrs: { "data-count-start": String(start) } }),
        ` of ${all} tokens (${share(start, all)}); after the filters `,
        el("strong", { text: String(d.remainingCount), attrs: { "data-count-remaining": String(d.remainingCount) } }),
        ` remain (${share(d.remainingCount, start)} of them), of which ${d.residueCount} match no pattern.`,
      ),
      el("h3", { text: "Funnel" }),
      funnelTable(ctx, d),
      el("h3", { text: "What remains, by the simplest pattern that marks it" }),
      groupsTable(ctx, d, (g) => pickExamples(g.tokens, ids, storyOf, GROUP_EXAMPLES)),
      el("h3", { text: `Residue: ${d.residueCount} tokens no pattern explains (${d.residue.length} distinct)` }),
      el("p", { className: "note", text: `Most frequent token texts first${d.residue.length > RESIDUE_ROWS ? `; the first ${RESIDUE_ROWS} of ${d.residue.length}` : ""}. These are the candidates for capabilities not yet described.` }),
      residueTable(ctx, shown, (e) => pickExamples(e.tokens, ids, storyOf, RESIDUE_EXAMPLES)),
    );
  }
}

if (!customElements.get("atlas-discover")) customElements.define("atlas-discover", AtlasDiscover);
