// <atlas-story-explorer>: one validation story as tokens coloured by a scorer's probability of the actual
// token (or by the difference between two scorers), with log-prob, rank and top-5 on hover or focus. It
// wires the controls rendered by src/components/StoryExplorer.astro and keeps its state in the URL
// (src/scripts/explorerLink.ts). Columns are fetched per scorer, only when first shown.
// data-state on the element: idle | loading | ready | error; data-load-ms / data-render-ms time the last view.
import { TOKEN_TOP_K, type TokenColumns } from "../lib/tokens/columnCodec.ts";
import { type ExplorerState, explorerSearch, parseExplorerLink, resolveExplorerState } from "./explorerLink.ts";
import { diffColour, logprobColour } from "./tokenColours.ts";
import { type TokenDataset, loadTokenDataset, staleTokenDataNote } from "./tokenData.ts";
import { quotedTokenText, storyTokenText } from "./tokenText.ts";
import { el } from "./domElement.ts";
import { TokenDataElement } from "./tokenDataElement.ts";

/** Probabilities as readers compare them: 3 decimals, or 2 significant digits when small. */
function fmtP(p: number): string {
  return p >= 0.001 || p === 0 ? p.toFixed(3) : p.toExponential(1);
}

function fmtSigned(x: number): string {
  return `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`;
}

interface Pane {
  title: string;
  colour: (t: number) => string;
  /** The first pane carries the t-N anchors that links point at. */
  anchors: boolean;
}

class StoryExplorer extends TokenDataElement {
  private data: TokenDataset | undefined;
  private state!: ExplorerState;
  private columnsShown: { a: TokenColumns; b: TokenColumns | null } | null = null;
  private seq = 0;
  /** Set when the served manifest is not the one the page was built from. */
  private staleNote: string | undefined;


  protected async start(): Promise<void> {
    this.dataset.state = "loading";
    try {
      const data = await loadTokenDataset(this.dataset.tokensUrl ?? "tokens");
      this.data = data;
      this.staleNote = staleTokenDataNote(data, this.dataset.manifestSha);
      this.followLocation();
      this.wire();
      await this.render();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Reads the state from the URL (first load, back/forward, a changed #t-N). */
  private followLocation(): void {
    const m = this.data!.manifest;
    this.state = resolveExplorerState(parseExplorerLink(location.search, location.hash), {
      storyOffsets: m.storyOffsets,
      scorerIds: m.scorers.map((s) => s.info.id),
      defaultModel: this.dataset.defaultModel ?? m.scorers[0].info.id,
    });
    this.showNotes(this.state.notes);
    this.syncControls();
  }

  /** Why parts of a link were not followed (cleared once the reader picks something). */
  private showNotes(lines: string[]): void {
    const notes = this.find<HTMLElement>("[data-notes]");
    const all = this.staleNote ? [this.staleNote, ...lines] : lines;
    notes.replaceChildren(...all.map((n) => el("p", "", n)));
    notes.hidden = all.length === 0;
  }

  private syncControls(): void {
    const { story, model, vs, view } = this.state;
    this.find<HTMLSelectElement>('[data-pick="story"]').value = String(story);
    this.find<HTMLSelectElement>('[data-pick="model"]').value = model;
    this.find<HTMLSelectElement>('[data-pick="vs"]').value = vs ?? "";
    const viewSet = this.find<HTMLFieldSetElement>("[data-view]");
    viewSet.disabled = vs === null;
    for (const radio of viewSet.querySelectorAll<HTMLInputElement>("input[type=radio]")) radio.checked = radio.value === view;
  }

  private wire(): void {
    const change = (selector: string, apply: (value: string) => void, push = false) =>
      this.find<HTMLElement>(selector).addEventListener("change", (e) => {
        apply((e.target as HTMLInputElement | HTMLSelectElement).value);
        this.showNotes([]);
        this.syncControls();
        this.writeLocation(push);
        void this.render();
      });
    change(
      '[data-pick="story"]',
      (v) => {
        this.state.story = Number(v);
        this.state.token = null;
      },
      true,
    );
    change('[data-pick="model"]', (v) => {
      this.state.model = v;
      if (this.state.vs === v) this.state.vs = null;
    });
    change('[data-pick="vs"]', (v) => (this.state.vs = v && v !== this.state.model ? v : null));
    change("[data-view]", (v) => (this.state.view = v === "diff" ? "diff" : "side"));
    const relocate = () => {
      this.followLocation();
      void this.render();
    };
    window.addEventListener("popstate", relocate);
    window.addEventListener("hashchange", relocate);

    const panes = this.find<HTMLElement>("[data-panes]");
    const tokenOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLElement>(".tok") : null);
    panes.addEventListener("mouseover", (e) => {
      const tok = tokenOf(e.target);
      if (tok) this.showDetail(tok);
    });
    panes.addEventListener("focusin", (e) => {
      const tok = tokenOf(e.target);
      if (tok) this.showDetail(tok);
    });
    panes.addEventListener("mouseleave", () => {
      const focused = tokenOf(document.activeElement);
      if (focused && panes.contains(focused)) this.showDetail(focused);
      else this.hideDetail();
    });
    panes.addEventListener("focusout", (e) => {
      if (!tokenOf(e.relatedTarget)) this.hideDetail();
    });
    // One tab stop for the story; arrow keys move between its tokens (a roving tabindex).
    panes.addEventListener("keydown", (e) => {
      const tok = tokenOf(e.target);
      if (!tok) return;
      if (e.key === "Escape") return this.hideDetail();
      const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      const siblings = [...(tok.parentElement?.querySelectorAll<HTMLElement>(".tok") ?? [])];
      const next = siblings[siblings.indexOf(tok) + step];
      if (!next) return;
      e.preventDefault();
      tok.tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
    });
  }

  private writeLocation(push: boolean): void {
    const { story, model, vs, view, token } = this.state;
    const url = explorerSearch({ story, model, vs: vs ?? undefined, view, token: token ?? undefined }) || location.pathname;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  private async render(): Promise<void> {
    const data = this.data!;
    const seq = ++this.seq;
    const { story, model, vs, view, token } = this.state;
    const started = performance.now();
    this.dataset.state = "loading";
    const status = this.find<HTMLElement>("[data-status]");
    status.textContent = `Loading ${[model, vs].filter(Boolean).join(" and ")}…`;
    let a: TokenColumns;
    let b: TokenColumns | null;
    try {
      [a, b] = await Promise.all([data.columns(model), vs ? data.columns(vs) : null]);
    } catch (e) {
      if (seq === this.seq) this.fail(e);
      return;
    }
    if (seq !== this.seq) return; // a newer choice is on its way
    const loaded = performance.now();
    this.columnsShown = { a, b };
    const panes: Pane[] =
      b && view === "diff"
        ? [{ title: `log p(${model}) − log p(${vs})`, colour: (t) => diffColour(a.logprob[t] - b.logprob[t]), anchors: true }]
        : [{ title: model, colour: (t) => logprobColour(a.logprob[t]), anchors: true }, ...(b ? [{ title: vs!, colour: (t: number) => logprobColour(b.logprob[t]), anchors: false }] : [])];
    const from = data.manifest.storyOffsets[story];
    const to = data.manifest.storyOffsets[story + 1];
    const focusable = token ?? from;
    const box = this.find<HTMLElement>("[data-panes]");
    box.style.setProperty("--panes", String(panes.length));
    box.replaceChildren(
      ...panes.map((pane) => {
        const text = el("div", "story-text");
        text.dataset.storyText = "";
        const spans = document.createDocumentFragment();
        for (let t = from; t < to; t++) {
          const span = el("span", "tok", storyTokenText(data.text(data.ids[t])));
          span.dataset.t = String(t);
          if (pane.anchors) span.id = `t-${t}`;
          span.style.background = pane.colour(t);
          span.tabIndex = t === focusable && pane.anchors ? 0 : -1;
          if (t === token) span.classList.add("tok-target");
          spans.append(span);
        }
        text.append(spans);
        return el("section", "story-pane", el("h3", "", pane.title), text);
      }),
    );
    this.find<HTMLElement>('[data-legend="p"]').hidden = panes.length === 1 && b !== null;
    this.find<HTMLElement>('[data-legend="diff"]').hidden = !(b && view === "diff");
    this.hideDetail();
    const target = token === null ? null : this.querySelector<HTMLElement>(`#t-${token}`);
    if (target) {
      target.scrollIntoView({ block: "center" });
      this.showDetail(target);
    }
    const done = performance.now();
    this.dataset.loadMs = (loaded - started).toFixed(1);
    this.dataset.renderMs = (done - loaded).toFixed(1);
    this.dataset.story = String(story);
    this.dataset.model = model;
    status.textContent = `Story ${story}: ${to - from} tokens. Hover or focus a token (arrow keys move) for its numbers.`;
    this.dataset.state = "ready";
  }

  private scorerTitle(id: string): string {
    const info = this.data!.manifest.scorers.find((s) => s.info.id === id)?.info;
    return info?.type === "baseline" ? `${id} (baseline)` : id;
  }

  /** The numbers of token t under one scorer: log p, p, rank and the top 5 with the actual token marked. */
  private scorerDetail(id: string, c: TokenColumns, t: number): HTMLElement {
    const data = this.data!;
    const actual = data.ids[t];
    const top = el("ol", "");
    for (let j = 0; j < TOKEN_TOP_K; j++) {
      const topId = c.topIds[t * TOKEN_TOP_K + j];
      const lp = c.topLogprobs[t * TOKEN_TOP_K + j];
      const li = el("li", topId === actual ? "actual" : "", el("code", "", quotedTokenText(data.text(topId))), ` ${fmtP(Math.exp(lp))}`, topId === actual ? " ← actual" : "");
      li.dataset.id = String(topId);
      li.dataset.logprob = String(lp);
      top.append(li);
    }
    const rank = c.rank[t];
    const section = el(
      "section",
      "",
      el("h4", "", this.scorerTitle(id)),
      el("p", "", `log p ${c.logprob[t].toFixed(3)} · p ${fmtP(Math.exp(c.logprob[t]))} · rank ${rank}${c.confident[t] ? " · confident" : ""}`),
      top,
    );
    if (rank > TOKEN_TOP_K) section.append(el("p", "", `The actual token is at rank ${rank}, outside the top ${TOKEN_TOP_K}.`));
    section.dataset.scorer = id;
    return section;
  }

  private showDetail(span: HTMLElement): void {
    const shown = this.columnsShown;
    if (!shown) return;
    const data = this.data!;
    const t = Number(span.dataset.t);
    const { story, model, vs } = this.state;
    const panel = this.find<HTMLElement>("[data-token-detail]");
    const parts: HTMLElement[] = [
      el("p", "", el("code", "", quotedTokenText(data.text(data.ids[t]))), ` · token ${t - data.manifest.storyOffsets[story]} of story ${story}`),
      this.scorerDetail(model, shown.a, t),
    ];
    if (shown.b && vs) {
      parts.push(this.scorerDetail(vs, shown.b, t));
      parts.push(el("p", "", `log p(${model}) − log p(${vs}) = ${fmtSigned(shown.a.logprob[t] - shown.b.logprob[t])} nats`));
    }
    panel.replaceChildren(...parts);
    panel.dataset.t = String(t);
    panel.hidden = false;
    const host = this.getBoundingClientRect();
    const r = span.getBoundingClientRect();
    panel.style.top = `${r.bottom - host.top + 6}px`;
    panel.style.left = `${Math.max(0, Math.min(r.left - host.left, host.width - panel.offsetWidth))}px`;
  }

  private hideDetail(): void {
    const panel = this.find<HTMLElement>("[data-token-detail]");
    panel.hidden = true;
    delete panel.dataset.t;
  }
}

if (!customElements.get("atlas-story-explorer")) customElements.define("atlas-story-explorer", StoryExplorer);
