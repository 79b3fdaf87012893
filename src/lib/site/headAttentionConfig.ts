// What the mechanism panel's attention view (<atlas-head-attention>, src/scripts/headAttention.ts) needs,
// as one JSON value in the page: per model its shape and the URL of its items file (fetched only when a
// reader clicks a head), and the head-ablation picture's grid, so a click on the picture finds its head.
import type { HeatmapGeometry } from "../figures/heatmapGeometry.ts";
import type { MechanismFile } from "../mechanisms/mechanismSchema.ts";

export interface HeadAttentionModel {
  id: string;
  layers: number;
  heads: number;
  /** The items file: mechanisms/items/<task>/<model>.json under the site. */
  itemsUrl: string;
  /** Items in it. */
  items: number;
}

export interface HeadAttentionConfig {
  task: string;
  models: HeadAttentionModel[];
  /** The head-ablation figure's id (its picture is clickable) and grid; null grid: only the table picks heads. */
  figureId: string | null;
  grid: HeatmapGeometry | null;
  /** Items shown at first and added by each "more". */
  pageSize: number;
}

export const ATTENTION_PAGE_SIZE = 6;

/** `mechanismsUrl`: where data/mechanisms is served (ends with "/"). */
export function headAttentionConfig(file: MechanismFile, mechanismsUrl: string, figureId: string | null, grid: HeatmapGeometry | null): HeadAttentionConfig {
  return {
    task: file.task.id,
    models: file.models.map((m) => ({ id: m.model.id, layers: m.model.layers, heads: m.model.heads, itemsUrl: `${mechanismsUrl}${m.itemsFile}`, items: m.items.used })),
    figureId,
    grid,
    pageSize: ATTENTION_PAGE_SIZE,
  };
}
