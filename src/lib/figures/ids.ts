// Stable ids of figures and tables: anchors on capability pages, permalink and download names, and how the
// paper cites them. Changing the scheme breaks published links.
import type { FigureKind, TableKind } from "./figureTypes.ts";

export function figureId(task: string, kind: FigureKind): string {
  return `fig-${task}-${kind}`;
}

export function tableId(task: string, kind: TableKind): string {
  return `tab-${task}-${kind}`;
}
