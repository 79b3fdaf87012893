// The discovery page's tables, built as DOM nodes with token text always set as text (never HTML).
import type { Discovery, PatternGroup, ResidueEntry } from "../lib/tokens/discovery.ts";
import type { TokenPatterns } from "../lib/tokens/patternFiles.ts";
import type { DiscoverConfig } from "../lib/site/discoverPageData.ts";
import { explorerHref } from "./explorerLink.ts";
import { quotedTokenText, tokenContext } from "./tokenText.ts";
import type { TokenDataset } from "./tokenData.ts";
import { el } from "./domElement.ts";

/** Examples per pattern group and per residue token; residue token texts listed. */
export const GROUP_EXAMPLES = 4;
export const RESIDUE_EXAMPLES = 2;
export const RESIDUE_ROWS = 40;
/** Tokens of context before and after an example. */
const CONTEXT_BEFORE = 12;
const CONTEXT_AFTER = 2;

export const share = (part: number, whole: number): string => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : "–");

export interface RenderContext {
  data: TokenDataset;
  patterns: TokenPatterns;
  config: DiscoverConfig;
  /** The model whose predictions the examples link to. */
  model: string;
}

/** A token in context: the story text before it, the token marked, a little after; linked to the explorer. */
export function example(ctx: RenderContext, t: number): HTMLElement {
  const story = ctx.data.storyOf(t);
  const c = tokenContext(ctx.data.ids, ctx.data.text, ctx.data.manifest.storyOffsets, story, t, CONTEXT_BEFORE, CONTEXT_AFTER);
  const link = el("a", { className: "prompt", attrs: { href: explorerHref(ctx.config.exploreUrl, { story, model: ctx.model, token: t }), title: `story ${story}, token ${t}` } });
  link.append(`${c.cutBefore ? "…" : ""}${c.before}`, el("mark", { text: c.token }), `${c.after}${c.cutAfter ? "…" : ""}`);
  return el("li", { attrs: { "data-token": String(t) } }, link);
}

/** "explained by" capability links of a pattern, or a note that no capability page covers it yet. */
export function capabilityLinks(ctx: RenderContext, slugs: readonly string[]): HTMLElement {
  const span = el("span", { className: "capabilities" });
  if (slugs.length === 0) {
    span.append(el("em", { text: "no capability page yet" }));
    return span;
  }
  slugs.forEach((slug, i) => {
    if (i) span.append(", ");
    span.append(el("a", { text: ctx.config.capabilities[slug] ?? slug, attrs: { href: `${ctx.config.capabilitiesUrl}${slug}/` } }));
  });
  return span;
}

function numCell(value: string, attrs: Record<string, string> = {}): HTMLTableCellElement {
  return el("td", { className: "num", text: value, attrs });
}

function table(headers: string[], rows: HTMLTableRowElement[], attrs: Record<string, string>): HTMLElement {
  const head = el("tr", {}, ...headers.map((h, i) => el("th", { text: h, className: i > 0 && /count|share|tokens|removed|matches/i.test(h) ? "num" : "" })));
  return el("div", { className: "scroll" }, el("table", { className: "data", attrs }, el("thead", {}, head), el("tbody", {}, ...rows)));
}

export function funnelTable(ctx: RenderContext, d: Discovery): HTMLElement {
  const all = d.funnel[0]?.count ?? 0;
  const title = (id: string) => ctx.patterns.patterns.find((p) => p.id === id)?.title ?? id;
  const rows = d.funnel.map((s, i) =>
    el(
      "tr",
      { attrs: { "data-funnel-step": s.pattern ?? `start-${i}`, "data-count": String(s.count), "data-removed": String(s.removed) } },
      el("td", { text: s.pattern ? `minus ${title(s.pattern)}` : s.label }),
      numCell(String(s.count)),
      numCell(share(s.count, all)),
      numCell(i === 0 ? "" : s.removed ? `−${s.removed}` : "0"),
    ),
  );
  return table(["Step", "Tokens", "Share of all", "Removed"], rows, { "data-funnel": "" });
}

export function groupsTable(ctx: RenderContext, d: Discovery, examplesOf: (g: PatternGroup) => number[]): HTMLElement {
  const rows = d.groups.map((g) => {
    const meta = ctx.patterns.patterns.find((p) => p.id === g.id);
    const name = el("td", {}, el("strong", { text: meta?.title ?? g.id }), el("br"), capabilityLinks(ctx, meta?.capabilities ?? []));
    const examples = el("td", {}, el("ul", { className: "examples" }, ...examplesOf(g).map((t) => example(ctx, t))));
    return el("tr", { attrs: { "data-group": g.id, "data-count": String(g.tokens.length) } }, name, numCell(String(g.tokens.length)), numCell(share(g.tokens.length, d.remainingCount)), numCell(String(g.matches)), examples);
  });
  const residue = el(
    "tr",
    { className: "residue", attrs: { "data-group": "residue", "data-count": String(d.residueCount) } },
    el("td", {}, el("strong", { text: "Residue" }), el("br"), el("em", { text: "no pattern marks these: candidates for new capabilities" })),
    numCell(String(d.residueCount)),
    numCell(share(d.residueCount, d.remainingCount)),
    numCell(""),
    el("td", { text: "listed below" }),
  );
  return table(["Simplest matching pattern", "Tokens", "Share of remaining", "Matches (any)", "Examples"], [...rows, residue], { "data-groups": "" });
}

export function residueTable(ctx: RenderContext, entries: readonly ResidueEntry[], examplesOf: (e: ResidueEntry) => number[]): HTMLElement {
  const rows = entries.map((e) =>
    el(
      "tr",
      { attrs: { "data-residue-token": String(e.id), "data-count": String(e.tokens.length) } },
      el("td", { className: "mono", text: quotedTokenText(ctx.data.text(e.id)) }),
      numCell(String(e.tokens.length)),
      el("td", {}, el("ul", { className: "examples" }, ...examplesOf(e).map((t) => example(ctx, t)))),
    ),
  );
  return table(["Token", "Count", "Examples"], rows, { "data-residue": "" });
}
