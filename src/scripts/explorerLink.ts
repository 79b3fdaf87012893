// The explorer's state in its URL, so other pages link to a token in context and a reader's view can be
// shared: explore/?story=12&model=<id>&vs=<id>&view=diff#t-345 (t = position in ids.bin, all stories).

export type ExplorerView = "side" | "diff";

/** What a link asks for; every field optional (unparseable values are dropped). */
export interface ExplorerLink {
  story?: number;
  model?: string;
  /** A second scorer shown beside the first or subtracted from it. */
  vs?: string;
  view?: ExplorerView;
  /** Token position to highlight. */
  token?: number;
}

/** What the explorer shows after checking a link against the data. */
export interface ExplorerState {
  story: number;
  model: string;
  vs: string | null;
  view: ExplorerView;
  token: number | null;
  /** Why parts of the link were not followed, for the reader. */
  notes: string[];
}

export interface ExplorerBounds {
  /** storyOffsets of the manifest. */
  storyOffsets: readonly number[];
  scorerIds: readonly string[];
  defaultModel: string;
}

const wholeNumber = /^\d{1,9}$/;

export function parseExplorerLink(search: string, hash: string): ExplorerLink {
  const q = new URLSearchParams(search);
  const link: ExplorerLink = {};
  const story = q.get("story");
  if (story !== null && wholeNumber.test(story)) link.story = Number(story);
  const model = q.get("model");
  if (model) link.model = model;
  const vs = q.get("vs");
  if (vs) link.vs = vs;
  const view = q.get("view");
  if (view === "side" || view === "diff") link.view = view;
  const token = /^#t-(\d{1,9})$/.exec(hash);
  if (token) link.token = Number(token[1]);
  return link;
}

/** The query and fragment for a link (fields left out when unset). */
export function explorerSearch(link: ExplorerLink): string {
  const q = new URLSearchParams();
  if (link.story !== undefined) q.set("story", String(link.story));
  if (link.model) q.set("model", link.model);
  if (link.vs) q.set("vs", link.vs);
  if (link.vs && link.view) q.set("view", link.view);
  const query = q.toString();
  return `${query ? `?${query}` : ""}${link.token !== undefined ? `#t-${link.token}` : ""}`;
}

/** A link to the explorer page (exploreUrl: its path, e.g. href("explore/")). */
export function explorerHref(exploreUrl: string, link: ExplorerLink): string {
  return `${exploreUrl}${explorerSearch(link)}`;
}

/** Story index holding token position t (offsets: storyOffsets; t assumed in range). */
export function storyOfToken(offsets: readonly number[], t: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Follows a link as far as the data allow: a token alone picks its story; unknown ids fall back. */
export function resolveExplorerState(link: ExplorerLink, bounds: ExplorerBounds): ExplorerState {
  const { storyOffsets: offsets, scorerIds } = bounds;
  const stories = offsets.length - 1;
  const tokens = offsets[stories];
  const notes: string[] = [];
  let token = link.token ?? null;
  if (token !== null && token >= tokens) {
    notes.push(`There is no token ${token} (the data have ${tokens}).`);
    token = null;
  }
  let story = link.story ?? (token !== null ? storyOfToken(offsets, token) : 0);
  if (story >= stories) {
    notes.push(`There is no story ${story} (the data have ${stories}); showing story 0.`);
    story = token !== null ? storyOfToken(offsets, token) : 0;
  }
  if (token !== null && (token < offsets[story] || token >= offsets[story + 1])) {
    notes.push(`Token ${token} is not in story ${story}.`);
    token = null;
  }
  let model = link.model ?? bounds.defaultModel;
  if (!scorerIds.includes(model)) {
    notes.push(`No per-token data for ${model}; showing ${bounds.defaultModel}.`);
    model = bounds.defaultModel;
  }
  let vs = link.vs ?? null;
  if (vs !== null && !scorerIds.includes(vs)) {
    notes.push(`No per-token data for ${vs}.`);
    vs = null;
  }
  if (vs === model) vs = null;
  return { story, model, vs, view: link.view ?? "side", token, notes };
}
