// Which tag breakdowns a chart shows, grouped by the tag's prefix (distance:near -> group "distance").
// Bare source tags (seed / natural / synthetic) form the group "source". Template ids are left out (each
// template varies the dimensions that have their own tags), and so are groups with one value (nothing to
// compare) or more than MAX_VALUES (unreadable as one panel; those stay in the result file and CSV).
export const MAX_VALUES = 6;

const SOURCE_TAGS = ["seed", "natural", "synthetic"];
const LEFT_OUT_GROUPS = new Set(["template"]);
/** Values read in this order where they appear; others sort after them, numbers by value. */
const VALUE_ORDER = ["seed", "natural", "synthetic", "near", "mid", "far", "short", "long", "none"];

export interface TagGroup {
  /** Group name: "source" or the tag prefix. */
  group: string;
  /** Full tags in display order. */
  tags: string[];
}

export function tagParts(tag: string): { group: string; value: string } {
  const colon = tag.indexOf(":");
  if (colon < 0) return { group: SOURCE_TAGS.includes(tag) ? "source" : tag, value: tag };
  return { group: tag.slice(0, colon), value: tag.slice(colon + 1) };
}

/** Groups to chart, "source" first and the rest by name. */
export function chartedTagGroups(tags: Iterable<string>): TagGroup[] {
  const groups = new Map<string, string[]>();
  for (const tag of new Set(tags)) {
    const { group } = tagParts(tag);
    if (LEFT_OUT_GROUPS.has(group)) continue;
    groups.set(group, [...(groups.get(group) ?? []), tag]);
  }
  return [...groups]
    .filter(([, tags]) => tags.length >= 2 && tags.length <= MAX_VALUES)
    .sort(([a], [b]) => (a === "source" ? -1 : b === "source" ? 1 : a.localeCompare(b)))
    .map(([group, tags]) => ({ group, tags: tags.sort(compareTags) }));
}

function compareTags(a: string, b: string): number {
  const va = tagParts(a).value;
  const vb = tagParts(b).value;
  const ra = rank(va);
  const rb = rank(vb);
  return ra !== rb ? ra - rb : va.localeCompare(vb, "en", { numeric: true });
}

function rank(value: string): number {
  const i = VALUE_ORDER.indexOf(value);
  return i < 0 ? VALUE_ORDER.length : i;
}
