// <atlas-probe>: the live probe's light half, shipped with every capability page. It wires the form
// rendered by src/components/Probe.astro, and on the first Run imports ./probeRuntime.ts, the chunk that
// holds transformers.js and onnxruntime-web, so a page costs nothing heavy until a reader asks for it.
// After a run it also shows any head's attention on the prompt, from the same run's outputs.
// data-state on the element: idle | loading | done | error.
import type { ProbeBuildScore, ProbeConfig, ProbeItem } from "../lib/site/probeConfig.ts";
import { drawPattern } from "./attentionCanvas.ts";
import { attentionTokenSpan, patternRow } from "./attentionShading.ts";
import { quotedTokenText } from "./tokenText.ts";
import { decimalString } from "./probeMath.ts";
import type { LiveAttention, ProbeOutcome, ScoredContinuation, TokenChoice } from "./probeRuntime.ts";
import { el } from "./domElement.ts";

type Runtime = typeof import("./probeRuntime.ts");
type ScoredItem = Exclude<ProbeBuildScore, { skipped: string }>;
let runtime: Promise<Runtime> | undefined;
let runtimeLoaded = false;
function loadRuntime(): Promise<Runtime> {
  runtime ??= import("./probeRuntime.ts").then(
    (rt) => {
      runtimeLoaded = true;
      return rt;
    },
    (e: unknown) => {
      runtime = undefined;
      throw e;
    },
  );
  return runtime;
}

/** Probabilities as readers compare them: 4 decimals, or 3 significant digits when small. */
function fmtP(p: number): string {
  return p >= 0.001 || p === 0 ? p.toFixed(4) : p.toExponential(2);
}


class AtlasProbe extends HTMLElement {
  private config!: ProbeConfig;
  private seq = 0;
  private rerunTimer: number | undefined;
  /** Models this element has run: edits then re-run at once instead of waiting for a click. */
  private readonly ready = new Set<string>();
  /** The last run's attention patterns and the head shown (kept across runs where the model has it). */
  private attention: LiveAttention | null = null;
  private attnLayer = 0;
  private attnHead = 0;

  private piece<T extends Element>(name: string): T {
    const found = this.querySelector<T>(`[data-probe-${name}]`);
    if (!found) throw new Error(`<atlas-probe> lacks [data-probe-${name}]`);
    return found;
  }
  private get modelSelect() { return this.piece<HTMLSelectElement>("model"); }
  private get itemSelect() { return this.piece<HTMLSelectElement>("item-select"); }
  private get promptInput() { return this.piece<HTMLTextAreaElement>("prompt"); }
  private get answerInput() { return this.piece<HTMLInputElement>("answer"); }
  private get wrongInput() { return this.piece<HTMLInputElement>("wrong"); }

  connectedCallback(): void {
    if (this.config) return; // moved in the document: already wired
    try {
      this.config = JSON.parse(this.piece<HTMLScriptElement>("config").textContent ?? "") as ProbeConfig;
    } catch (e) {
      this.fail(`The probe's data could not be read: ${(e as Error).message}`);
      return;
    }
    if (this.config.models.length === 0) return; // the markup already says why there is nothing to run
    this.piece<HTMLButtonElement>("run").addEventListener("click", () => void this.run());
    this.piece<HTMLButtonElement>("reset").addEventListener("click", () => this.selectItem(this.itemSelect.value));
    this.itemSelect.addEventListener("change", () => this.selectItem(this.itemSelect.value));
    this.modelSelect.addEventListener("change", () => this.changed());
    for (const input of [this.promptInput, this.answerInput, this.wrongInput]) input.addEventListener("input", () => this.changed());
    this.showBuild();
  }

  /** Shows an item in the form (the example table's "probe" buttons call this). */
  selectItem(id: string): void {
    const item = this.config.items.find((i) => i.id === id);
    if (!item) return;
    this.itemSelect.value = id;
    this.promptInput.value = item.prompt;
    this.answerInput.value = item.answer;
    this.wrongInput.value = item.wrong ?? "";
    this.changed();
  }

  private currentItem(): ProbeItem | undefined {
    return this.config.items.find((i) => i.id === this.itemSelect.value);
  }

  /** Whether the form still holds the item exactly as the build scored it. */
  private unedited(item: ProbeItem): boolean {
    return this.promptInput.value === item.prompt && this.answerInput.value === item.answer && this.wrongInput.value === (item.wrong ?? "");
  }

  /** The build's numbers for the current model and item, when the form is unedited and the weights match. */
  private buildScore(): ScoredItem | undefined {
    const item = this.currentItem();
    const model = this.config.models.find((m) => m.id === this.modelSelect.value);
    const score = item?.build[this.modelSelect.value];
    if (!item || !model?.sameWeightsAsBuild || !score || "skipped" in score || !this.unedited(item)) return undefined;
    return score;
  }

  private showBuild(): void {
    const item = this.currentItem();
    const score = item?.build[this.modelSelect.value];
    const line = this.piece<HTMLElement>("build");
    const build = this.buildScore();
    if (build) line.textContent = `Build: p(first answer token) = ${fmtP(build.p_first)}, rank ${build.rank}.`;
    else if (score && "skipped" in score) line.textContent = `The build skipped this item for this model: ${score.skipped}`;
    else if (item && !this.unedited(item)) line.textContent = "Edited: the build has no number for this text; Run shows the model's.";
    else if (this.config.models.find((m) => m.id === this.modelSelect.value)?.sameWeightsAsBuild === false) {
      line.textContent = "The build's number is not comparable: the site serves different weights for this model.";
    } else line.textContent = "The build has no number for this item and model.";
  }

  private changed(): void {
    this.showBuild();
    window.clearTimeout(this.rerunTimer);
    if (this.ready.has(this.modelSelect.value)) this.rerunTimer = window.setTimeout(() => void this.run(), 350);
  }

  private setState(state: "idle" | "loading" | "done" | "error"): void {
    this.dataset.state = state;
  }

  private progress(text: string, fraction?: number): void {
    const box = this.piece<HTMLElement>("progress");
    const bar = box.querySelector("progress");
    const label = box.querySelector("span");
    if (bar) {
      bar.hidden = fraction === undefined;
      if (fraction !== undefined) bar.value = fraction;
    }
    if (label) label.textContent = text;
  }

  private fail(message: string): void {
    const box = this.piece<HTMLElement>("error");
    box.textContent = message;
    box.hidden = false;
    this.progress("");
    // Results of an earlier run would read as this run's.
    const results = this.querySelector<HTMLElement>("[data-probe-results]");
    if (results) results.hidden = true;
    const attention = this.querySelector<HTMLElement>("[data-probe-attention]");
    if (attention) attention.hidden = true;
    this.setState("error");
  }

  async run(): Promise<void> {
    window.clearTimeout(this.rerunTimer);
    const seq = ++this.seq;
    const started = performance.now();
    const current = () => seq === this.seq;
    const modelId = this.modelSelect.value;
    const prompt = this.promptInput.value;
    const answer = this.answerInput.value;
    const wrong = this.wrongInput.value === "" ? null : this.wrongInput.value;
    const build = this.buildScore();
    this.piece<HTMLElement>("error").hidden = true;
    this.setState("loading");
    try {
      if (!runtimeLoaded) this.progress("Loading transformers.js and onnxruntime-web…");
      const rt = await loadRuntime();
      if (!current()) return;
      const entry = this.config.models.find((m) => m.id === modelId);
      const mb = (b: number) => (b / 1e6).toFixed(1);
      const model = await rt.loadModel(modelId, { modelBaseUrl: this.config.modelBaseUrl, ortWasm: this.config.ortWasm }, entry?.totalBytes ?? 0, ({ loaded, total }) => {
        if (!current()) return;
        if (loaded >= total) this.progress(`Starting ${modelId} in onnxruntime-web…`);
        else this.progress(`Downloading ${modelId}${total > (entry?.totalBytes ?? 0) ? " and onnxruntime-web" : ""}: ${mb(loaded)} of ${mb(total)} MB`, loaded / total);
      });
      if (!current()) return;
      this.progress(`Running ${modelId}…`);
      const outcome = await rt.probePrompt(model, prompt, answer, wrong);
      if (!current()) return;
      this.ready.add(modelId);
      this.render(modelId, outcome, answer, wrong, build);
      this.progress(`${modelId}: ${outcome.promptIds.length} prompt tokens, ran in ${outcome.runMs.toFixed(0)} ms.`);
      // Click-to-result time, for readers curious about speed and for the browser test's report.
      this.dataset.runMs = (performance.now() - started).toFixed(0);
      this.setState("done");
    } catch (e) {
      if (!current()) return;
      const message = e instanceof Error ? e.message : String(e);
      this.fail(`The probe failed for ${modelId}: ${message}`);
    }
  }

  private render(modelId: string, o: ProbeOutcome, answer: string, wrong: string | null, build: ScoredItem | undefined): void {
    const results = this.piece<HTMLElement>("results");
    const answerFirst = o.answer.ok ? o.answer.first.id : undefined;
    const wrongFirst = o.wrong?.ok ? o.wrong.first.id : undefined;
    const mark = (id: number) => (id === answerFirst ? "correct" : id === wrongFirst ? "wrong" : undefined);

    const summary = el("div", { className: "probe-summary" });
    summary.append(this.continuationLine("answer", answer, o.answer, true));
    if (o.answer.ok && build) {
      const diff = o.answer.first.p - build.p_first;
      summary.append(el("p", { className: "probe-build", text: `build: ${fmtP(build.p_first)} (live − build = ${diff.toExponential(1)})` }));
      // The page's tokenizer should split the answer exactly as the build's did; say so loudly if not.
      if (o.answer.ids.join() !== build.answer_ids.join()) {
        summary.append(el("p", { className: "probe-warning", text: `This page tokenized the answer as [${o.answer.ids.join(", ")}], the build as [${build.answer_ids.join(", ")}].` }));
      }
    }
    if (o.wrong) summary.append(this.continuationLine("wrong", wrong ?? "", o.wrong, false));

    const list = el("ol", { className: "probe-top" });
    const row = (t: TokenChoice) => {
      const m = mark(t.id);
      const li = el("li", { className: m ? `mark-${m}` : "" });
      li.dataset.tokenId = String(t.id);
      if (m) li.dataset.mark = m;
      const bar = el("span", { className: "bar" });
      bar.style.width = `${Math.max(0.5, t.p * 100).toFixed(1)}%`;
      li.append(
        el("span", { className: "rank", text: `${t.rank}` }),
        el("code", { className: "token", text: quotedTokenText(t.text) }),
        el("span", { className: "p", text: fmtP(t.p) }),
        el("span", { className: "barbox" }, bar),
        el("span", { className: "tag", text: m === "correct" ? "answer" : m === "wrong" ? "wrong" : "" }),
      );
      return li;
    };
    for (const t of o.top) list.append(row(t));
    // The answer's and wrong answer's first tokens are always listed, with their ranks, even far down.
    const shown = new Set(o.top.map((t) => t.id));
    const extra = [o.answer, o.wrong].flatMap((c) => (c?.ok && !shown.has(c.first.id) ? [c.first] : []));
    const outside = el("ol", { className: "probe-top probe-outside" });
    for (const t of extra) outside.append(row(t));

    results.replaceChildren(
      summary,
      el("p", { className: "probe-caption", text: `Top ${o.top.length} next tokens of ${modelId}:` }),
      list,
      ...(extra.length ? [el("p", { className: "probe-caption", text: "Outside the top 10:" }), outside] : []),
    );
    results.hidden = false;
    this.renderAttention(o.attention);
  }

  /** The attention view of the run: layer and head selectors, the final position's row, the full pattern. */
  private renderAttention(a: LiveAttention | null): void {
    const box = this.piece<HTMLElement>("attention");
    this.attention = a;
    box.hidden = false;
    if (!a) {
      box.replaceChildren(el("p", { className: "probe-note", text: "This model's graph returns no attention patterns, so there is no attention view." }));
      return;
    }
    this.attnLayer = Math.min(this.attnLayer, a.layers - 1);
    this.attnHead = Math.min(this.attnHead, a.heads - 1);
    const select = (label: string, n: number, chosen: number, name: string, onChange: (v: number) => void) => {
      const s = el("select");
      s.setAttribute(`data-probe-attn-${name}`, "");
      for (let i = 0; i < n; i++) {
        const o = el("option", { text: String(i) });
        o.value = String(i);
        o.selected = i === chosen;
        s.append(o);
      }
      s.addEventListener("change", () => {
        onChange(Number(s.value));
        this.drawAttention();
      });
      return el("label", { text: label }, s);
    };
    const controls = el(
      "div",
      { className: "probe-attn-controls" },
      el("strong", { text: "Attention in this run" }),
      select("Layer", a.layers, this.attnLayer, "layer", (v) => (this.attnLayer = v)),
      select("Head", a.heads, this.attnHead, "head", (v) => (this.attnHead = v)),
    );
    const row = el("div", { className: "probe-attn-row" });
    row.setAttribute("data-probe-attn-row", "");
    const canvas = el("canvas", { className: "probe-attn-canvas" });
    canvas.setAttribute("data-probe-attn-canvas", "");
    box.replaceChildren(
      controls,
      el("p", { className: "probe-caption", text: "From the final position (outlined; it predicts the next token) to each prompt token; darker = more attention:" }),
      row,
      el("p", { className: "probe-caption", text: "The whole pattern: row = query position (top = first token), column = key; the bottom row is the one above." }),
      canvas,
    );
    this.drawAttention();
  }

  private drawAttention(): void {
    const a = this.attention;
    const row = this.querySelector<HTMLElement>("[data-probe-attn-row]");
    const canvas = this.querySelector<HTMLCanvasElement>("[data-probe-attn-canvas]");
    if (!a || !row || !canvas) return;
    const t = a.tokens.length;
    const pattern = a.patterns[this.attnLayer];
    const weights = patternRow(pattern, a.heads, t, this.attnHead, t - 1);
    row.replaceChildren(
      ...a.tokens.map((text, k) => {
        return attentionTokenSpan(text, weights[k], k === t - 1 ? "probe-attn-token probe-attn-query" : "probe-attn-token");
      }),
    );
    row.dataset.head = `${this.attnLayer}.${this.attnHead}`;
    drawPattern(canvas, pattern, a.heads, t, this.attnHead);
  }

  private continuationLine(label: "answer" | "wrong", text: string, c: ScoredContinuation, correct: boolean): HTMLElement {
    const line = el("p", { className: `probe-${label}` });
    if (!c.ok) {
      line.append(el("span", { className: "probe-warning", text: `${label} ${quotedTokenText(text)}: no first token to score: ${c.reason}.` }));
      return line;
    }
    const value = el("strong", { text: fmtP(c.first.p) });
    if (correct) value.dataset.pCorrect = decimalString(c.first.p);
    else value.dataset.pWrong = decimalString(c.first.p);
    line.append(
      `p(${label} ${quotedTokenText(text)} → first token ${quotedTokenText(c.first.text)}) = `,
      value,
      `, rank ${c.first.rank}${c.ids.length > 1 ? ` (${c.ids.length} tokens; the first is scored)` : ""}`,
    );
    return line;
  }
}

customElements.define("atlas-probe", AtlasProbe);

// The example table's "probe" buttons: pick that item in the task's probe and bring the probe into view.
document.addEventListener("click", (event) => {
  const button = (event.target as Element | null)?.closest?.("button.probe-this[data-probe-item]");
  if (!(button instanceof HTMLElement)) return;
  const task = button.closest<HTMLElement>("[data-task]")?.dataset.task;
  const probe = (task && document.querySelector(`atlas-probe[data-task="${CSS.escape(task)}"]`)) || document.querySelector("atlas-probe");
  if (!(probe instanceof AtlasProbe)) return;
  probe.selectItem(button.dataset.probeItem ?? "");
  probe.scrollIntoView({ behavior: "smooth", block: "start" });
  probe.querySelector<HTMLTextAreaElement>("[data-probe-prompt]")?.focus({ preventScroll: true });
});
