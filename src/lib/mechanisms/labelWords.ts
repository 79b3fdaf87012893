// An attention label (attentionLabel.ts) in words for tables and prose: what the head looks at from the
// final position, and how much of its attention goes there.
import type { AttentionLabelJson } from "./mechanismSchema.ts";

/** "the previous token", "4 tokens back", "the token after an earlier copy of the current token", ... */
export function labelTarget(label: Pick<AttentionLabelJson, "name" | "distance">): string {
  switch (label.name) {
    case "current-token":
      return "itself (the current token)";
    case "previous-token":
      return "the previous token";
    case "first-token":
      return "the first token";
    case "answer":
      return "earlier copies of the answer's first token";
    case "subject":
      return "earlier copies of the wrong answer's first token (the subject)";
    case "induction-target":
      return "the token after an earlier copy of the current token (induction)";
    case "diffuse":
      return "no single place";
  }
  if (label.distance !== null) return `the token ${label.distance} positions back`;
  return label.name;
}

/** "attends to the previous token (0.62 of its attention)" or "diffuse (at most 0.12 on any one kind of position)". */
export function labelInWords(label: AttentionLabelJson): string {
  const mass = label.mass.toFixed(2);
  if (label.type === "diffuse") return `diffuse (at most ${mass} of its attention on any one kind of position)`;
  const kind = label.type === "distance" ? "distance-based" : label.type === "content" ? "content-based" : "positional";
  return `attends to ${labelTarget(label)} (${mass} of its attention; ${kind})`;
}

/** The label as a clause about the head: "it attends to ..." or "its attention is diffuse (...)". */
export function labelClause(label: AttentionLabelJson): string {
  return label.type === "diffuse" ? `its attention is ${labelInWords(label)}` : `it ${labelInWords(label)}`;
}
