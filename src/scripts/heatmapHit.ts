// Which head a click on the head-ablation picture hit, from the grid geometry the build measured
// (src/lib/figures/heatmapGeometry.ts); no dependencies, so the page's light script can use it.
import type { HeatmapGeometry } from "../lib/figures/heatmapGeometry.ts";

export interface HeadRef {
  model: string;
  layer: number;
  head: number;
}

/** (x, y) in the SVG's own pixels; null between panels, on axes or outside. */
export function headAt(geometry: HeatmapGeometry, x: number, y: number): HeadRef | null {
  for (const p of geometry.panels) {
    const head = Math.floor((x - p.x) / p.dx);
    const layer = Math.floor((y - p.y) / p.dy);
    if (head >= 0 && head < p.heads && layer >= 0 && layer < p.layers) return { model: p.model, layer, head };
  }
  return null;
}

/** A click at (offsetX, offsetY) on the picture shown at (shownWidth x shownHeight) CSS pixels. */
export function headAtClick(geometry: HeatmapGeometry, offsetX: number, offsetY: number, shownWidth: number, shownHeight: number): HeadRef | null {
  if (shownWidth <= 0 || shownHeight <= 0) return null;
  return headAt(geometry, (offsetX * geometry.width) / shownWidth, (offsetY * geometry.height) / shownHeight);
}
