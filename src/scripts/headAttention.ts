// <atlas-head-attention>: the mechanism panel's attention view. A click on a head (a cell of the static
// head-ablation picture, a cell of the interactive chart, or a head in the heads table) fetches that model's
// items file, mechanisms/items/<task>/<model>.json, on first use (never before a click), and shows, item by
// item, the prompt's tokens shaded by that head's attention from the final position, with the answer.
// Token text is set as text, never as markup.
import { decodeAttentionRow } from "../lib/mechanisms/attentionCodec.ts";
import type { HeadAttentionConfig, HeadAttentionModel } from "../lib/site/headAttentionConfig.ts";
import { attentionTokenSpan } from "./attentionShading.ts";
import { quotedTokenText } from "./tokenText.ts";
import { type HeadRef, headAtClick } from "./heatmapHit.ts";
import { el } from "./domElement.ts";

/** The parts of an items file (src/lib/mechanisms/itemsFileSchema.ts) this view reads. */
interface ItemsFile {
  layers: number;
  heads: number;
  format: string;
  items: Array<{ id: string; tokens: string[]; answer: string; wrong: string | null; attention: string }>;
}

function option(value: string, label: string, selected: boolean): HTMLOptionElement {
  const o = el("option", undefined, label);
  o.value = value;
  o.selected = selected;
  return o;
}

class AtlasHeadAttention extends HTMLElement {
  private config!: HeadAttentionConfig;
  private readonly files = new Map<string, Promise<ItemsFile>>();
  private current: HeadRef | null = null;
  private shown = 0;
  private seq = 0;

  connectedCallback(): void {
    if (this.config) return;
    const script = this.querySelector("script[data-head-attention-config]");
    try {
      this.config = JSON.parse(script?.textContent ?? "") as HeadAttentionConfig;
    } catch {
      return;
    }
    this.addEventListener("click", (event) => this.onClick(event));
    // The interactive chart (atlasChart.ts) reports clicks on its marks with their data row.
    this.addEventListener("atlas-chart-select", (event) => {
      const d = (event as CustomEvent<Record<string, unknown> | null>).detail;
      if (d && typeof d.model === "string" && typeof d.layer === "number" && typeof d.head === "number") void this.show({ model: d.model, layer: d.layer, head: d.head });
    });
    const picture = this.picture();
    if (picture) {
      picture.style.cursor = "pointer";
      picture.title = "Click a head to see its attention on the items";
    }
  }

  /** The static picture of the head-ablation figure, while it is shown. */
  private picture(): HTMLImageElement | null {
    const id = this.config.figureId;
    return id ? this.querySelector<HTMLImageElement>(`figure[data-figure="${CSS.escape(id)}"] .chart-static img`) : null;
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as Element | null;
    const pick = target?.closest<HTMLElement>("[data-head-pick]");
    if (pick) {
      const [layer, head] = (pick.dataset.head ?? "").split(".").map(Number);
      void this.show({ model: pick.dataset.model ?? "", layer, head });
      return;
    }
    const picture = this.picture();
    if (picture && target === picture && this.config.grid) {
      const hit = headAtClick(this.config.grid, event.offsetX, event.offsetY, picture.clientWidth, picture.clientHeight);
      if (hit) void this.show(hit);
      return;
    }
    const more = target?.closest("[data-attention-more]");
    if (more) this.renderMore();
  }

  private model(id: string): HeadAttentionModel | undefined {
    return this.config.models.find((m) => m.id === id);
  }

  private load(model: HeadAttentionModel): Promise<ItemsFile> {
    let file = this.files.get(model.id);
    if (!file) {
      file = fetch(model.itemsUrl).then(async (r) => {
        if (!r.ok) throw new Error(`${model.itemsUrl}: HTTP ${r.status}`);
        const data = (await r.json()) as ItemsFile;
        if (data.format !== "u8-rows-v1") throw new Error(`${model.itemsUrl} is in format ${data.format}, which this page cannot read`);
        return data;
      });
      file.catch(() => this.files.delete(model.id));
      this.files.set(model.id, file);
    }
    return file;
  }

  private view(): HTMLElement {
    const view = this.querySelector<HTMLElement>("[data-attention-view]");
    if (!view) throw new Error("<atlas-head-attention> lacks [data-attention-view]");
    return view;
  }

  /** Shows a head's attention on the items (the first page of them). */
  async show(ref: HeadRef): Promise<void> {
    const model = this.model(ref.model);
    const view = this.view();
    if (!model || !(ref.layer >= 0 && ref.layer < model.layers && ref.head >= 0 && ref.head < model.heads)) return;
    const seq = ++this.seq;
    this.current = ref;
    this.dataset.state = "loading";
    view.hidden = false;
    view.replaceChildren(this.controls(ref, model), el("p", "attention-status", `Loading the attention rows of ${model.id}…`));
    try {
      const file = await this.load(model);
      if (seq !== this.seq) return;
      this.shown = 0;
      const list = el("ol", "attention-items");
      list.dataset.attentionItems = "";
      view.replaceChildren(this.controls(ref, model), this.caption(ref, file), list);
      this.renderMore();
      this.dataset.state = "done";
      this.dataset.head = `${ref.model} ${ref.layer}.${ref.head}`;
    } catch (e) {
      if (seq !== this.seq) return;
      view.replaceChildren(this.controls(ref, model), el("p", "attention-error", `Could not load the attention rows: ${(e as Error).message}`));
      this.dataset.state = "error";
    }
  }

  /** Model, layer and head selectors: the same view without the chart, by keyboard. */
  private controls(ref: HeadRef, model: HeadAttentionModel): HTMLElement {
    const row = el("div", "attention-controls");
    const select = (label: string, options: HTMLOptionElement[], onChange: (value: string) => void) => {
      const wrap = el("label", undefined, `${label} `);
      const s = el("select");
      s.append(...options);
      s.addEventListener("change", () => onChange(s.value));
      wrap.append(s);
      return wrap;
    };
    const range = (n: number, chosen: number) => Array.from({ length: n }, (_, i) => option(String(i), String(i), i === chosen));
    row.append(
      select("model", this.config.models.map((m) => option(m.id, m.id, m.id === model.id)), (id) => {
        const m = this.model(id)!;
        void this.show({ model: id, layer: Math.min(ref.layer, m.layers - 1), head: Math.min(ref.head, m.heads - 1) });
      }),
      select("layer", range(model.layers, ref.layer), (v) => void this.show({ ...ref, layer: Number(v) })),
      select("head", range(model.heads, ref.head), (v) => void this.show({ ...ref, head: Number(v) })),
    );
    return row;
  }

  private caption(ref: HeadRef, file: ItemsFile): HTMLElement {
    return el(
      "p",
      "attention-caption",
      `Head ${ref.layer}.${ref.head} of ${ref.model}: its attention from the final position (the one that predicts the answer, outlined) over the prompt's tokens, ` +
        `on each of the ${file.items.length} items the evidence used. Darker = more attention (hover a token for its weight, stored to 1/255).`,
    );
  }

  /** Appends the next page of items (and a "more" button while some are left). */
  private renderMore(): void {
    const ref = this.current;
    const list = this.querySelector<HTMLElement>("[data-attention-items]");
    const model = ref && this.model(ref.model);
    if (!ref || !list || !model) return;
    void this.load(model).then((file) => {
      if (this.current !== ref) return;
      this.querySelector("[data-attention-more]")?.remove();
      const next = file.items.slice(this.shown, this.shown + this.config.pageSize);
      for (const item of next) list.append(this.itemRow(item, file, ref));
      this.shown += next.length;
      const left = file.items.length - this.shown;
      if (left > 0) {
        const more = el("button", "attention-more", `Show ${Math.min(left, this.config.pageSize)} more (${left} left)`);
        more.type = "button";
        more.dataset.attentionMore = "";
        list.after(more);
      }
    });
  }

  private itemRow(item: ItemsFile["items"][number], file: ItemsFile, ref: HeadRef): HTMLElement {
    const li = el("li", "attention-item");
    li.dataset.item = item.id;
    const weights = decodeAttentionRow(item.attention, file.heads, item.tokens.length, ref.layer, ref.head);
    const tokens = el("span", "attention-tokens");
    item.tokens.forEach((text, k) => {
      tokens.append(attentionTokenSpan(text, weights[k], k === item.tokens.length - 1 ? "attention-token attention-query" : "attention-token"));
    });
    const answer = el("span", "attention-answer", ` → ${quotedTokenText(item.answer)}`);
    const head = el("div", "attention-item-id", item.id);
    li.append(head, tokens, answer);
    if (item.wrong !== null) li.append(el("span", "attention-wrong", ` (wrong: ${quotedTokenText(item.wrong)})`));
    return li;
  }
}

if (!customElements.get("atlas-head-attention")) customElements.define("atlas-head-attention", AtlasHeadAttention);
