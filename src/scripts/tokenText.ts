// Token text as pages show it, always set as text (never HTML): newlines visible as ↵, spaces kept, and
// the few tokens around a position for a line of context.

/** For a story laid out with white-space: pre-wrap: a newline shows as ↵ and still breaks the line. */
export function storyTokenText(text: string): string {
  return text.replace(/\n/g, "↵\n");
}

/** For one line of context: newlines as ↵ without breaking, tabs as →. */
export function inlineTokenText(text: string): string {
  return text.replace(/\r?\n/g, "↵").replace(/\t/g, "→");
}

/** A token on its own (lists, tooltips): quoted, so leading spaces and newlines are visible. */
export function quotedTokenText(text: string): string {
  return JSON.stringify(text);
}

export interface TokenContext {
  before: string;
  token: string;
  after: string;
  /** Whether the story goes on before / after the snippet. */
  cutBefore: boolean;
  cutAfter: boolean;
}

/**
 * The `before` tokens preceding position t and the `after` tokens following it, within t's story
 * (offsets: storyOffsets, story: t's story), as inline text.
 */
export function tokenContext(
  ids: ArrayLike<number>,
  text: (id: number) => string,
  offsets: readonly number[],
  story: number,
  t: number,
  before: number,
  after: number,
): TokenContext {
  const from = Math.max(offsets[story], t - before);
  const to = Math.min(offsets[story + 1], t + 1 + after);
  const join = (a: number, b: number) => {
    let s = "";
    for (let i = a; i < b; i++) s += text(ids[i]);
    return inlineTokenText(s);
  };
  return {
    before: join(from, t),
    token: inlineTokenText(text(ids[t])),
    after: join(t + 1, to),
    cutBefore: from > offsets[story],
    cutAfter: to < offsets[story + 1],
  };
}

/** The opening of a story, cut at a word boundary near maxChars, for a list of stories. */
export function storyOpening(ids: ArrayLike<number>, text: (id: number) => string, offsets: readonly number[], story: number, maxChars: number): string {
  let s = "";
  for (let t = offsets[story]; t < offsets[story + 1] && s.length <= maxChars; t++) s += text(ids[t]);
  s = inlineTokenText(s).trim();
  if (s.length <= maxChars) return s;
  const cut = s.lastIndexOf(" ", maxChars);
  return `${s.slice(0, cut > maxChars / 2 ? cut : maxChars)}…`;
}
