// A capability page must have the four sections, as level-2 headings, in order.
import { requiredSections } from "./capabilitySchema.ts";

export function missingSections(headings: Array<{ depth: number; text: string }>): string[] {
  const h2 = headings.filter((h) => h.depth === 2).map((h) => h.text.trim());
  let at = 0;
  const missing: string[] = [];
  for (const section of requiredSections) {
    const found = h2.indexOf(section, at);
    if (found === -1) missing.push(section);
    else at = found + 1;
  }
  return missing;
}
