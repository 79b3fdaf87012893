// The head-ablation picture's grid (heatmapGeometry.ts), measured once per build and figure. A figure whose
// grid cannot be measured still shows; only clicks on its picture do nothing (the heads table still works).
import type { FigureDef } from "../figures/figureTypes.ts";
import { type HeatmapGeometry, heatmapGeometry } from "../figures/heatmapGeometry.ts";
import { figureSvg, svgSize } from "./figureLinks.ts";

const grids = new WeakMap<FigureDef, Promise<HeatmapGeometry | null>>();

export function headAblationGrid(figure: FigureDef): Promise<HeatmapGeometry | null> {
  let grid = grids.get(figure);
  if (!grid) {
    grid = figureSvg(figure)
      .then((svg) => heatmapGeometry(figure, svgSize(svg)))
      .catch((e: unknown) => {
        console.warn(`[atlas] ${figure.id}: clicks on the picture are off: ${(e as Error).message}`);
        return null;
      });
    grids.set(figure, grid);
  }
  return grid;
}
