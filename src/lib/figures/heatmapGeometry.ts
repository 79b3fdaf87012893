// Where each model's cells lie in the head-ablation figure's static SVG, so a click on the picture (an
// <img>, no vega in the page) can be mapped back to a head: per model the top-left corner of cell (0, 0)
// and the step from one head (column) and one layer (row) to the next, in the SVG's pixels.
import type { FigureDef } from "./figureTypes.ts";
import { runView } from "./vegaNode.ts";

export interface HeatmapPanel {
  model: string;
  layers: number;
  heads: number;
  /** Top-left corner of the cell of layer 0, head 0. */
  x: number;
  y: number;
  /** From head h to h + 1 (x) and from layer l to l + 1 (y); each cell is dx x dy. */
  dx: number;
  dy: number;
}

export interface HeatmapGeometry {
  /** The SVG's size (its width and height attributes): clicks on a scaled picture are scaled back to these. */
  width: number;
  height: number;
  panels: HeatmapPanel[];
}

interface SceneItem {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  datum?: Record<string, unknown>;
  items?: SceneMark[];
}
interface SceneMark {
  marktype: string;
  items: SceneItem[];
}

interface Cell {
  model: string;
  layer: number;
  head: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every rect whose datum names a model, layer and head, at its absolute position in the SVG. */
function cells(root: SceneMark, offset: [number, number]): Cell[] {
  const out: Cell[] = [];
  const visit = (mark: SceneMark, ox: number, oy: number) => {
    for (const item of mark.items) {
      const d = item.datum;
      if (mark.marktype === "rect" && d && typeof d.model === "string" && typeof d.layer === "number" && typeof d.head === "number") {
        out.push({ model: d.model, layer: d.layer, head: d.head, x: ox + (item.x ?? 0), y: oy + (item.y ?? 0), width: item.width ?? 0, height: item.height ?? 0 });
      }
      if (mark.marktype === "group") for (const child of item.items ?? []) visit(child, ox + (item.x ?? 0), oy + (item.y ?? 0));
    }
  };
  visit(root, offset[0], offset[1]);
  return out;
}

/**
 * The grid of each model's panel in the figure's SVG (as renderSvg draws it: the origin plus padding is the
 * SVG's outer translate). Throws if a panel's cells do not form a regular grid: a changed chart spec must
 * not silently map clicks to the wrong head.
 */
export async function heatmapGeometry(figure: FigureDef, svgSize: { width: number; height: number }): Promise<HeatmapGeometry> {
  const messages: string[] = [];
  const view = await runView(figure.spec, messages);
  try {
    const padding = view.padding() as { left: number; top: number };
    const [ox, oy] = view.origin();
    // At run time scenegraph() is vega's Scenegraph, whose root is the top mark (vega-typings call it a Scene).
    const { root } = view.scenegraph() as unknown as { root: SceneMark };
    const all = cells(root, [ox + padding.left, oy + padding.top]);
    const models = [...new Set(all.map((c) => c.model))];
    const panels = models.map((model) => {
      const mine = all.filter((c) => c.model === model);
      const layers = Math.max(...mine.map((c) => c.layer)) + 1;
      const heads = Math.max(...mine.map((c) => c.head)) + 1;
      const origin = mine.find((c) => c.layer === 0 && c.head === 0);
      if (!origin || mine.length !== layers * heads) throw new Error(`${figure.id}: the cells of ${model} are not a full layers x heads grid`);
      const panel: HeatmapPanel = { model, layers, heads, x: origin.x, y: origin.y, dx: origin.width, dy: origin.height };
      for (const c of mine) {
        const off = Math.abs(c.x - (panel.x + c.head * panel.dx)) + Math.abs(c.y - (panel.y + c.layer * panel.dy));
        if (off > 0.01) throw new Error(`${figure.id}: cell ${c.layer}.${c.head} of ${model} is off the grid by ${off} px`);
      }
      return panel;
    });
    return { width: svgSize.width, height: svgSize.height, panels };
  } finally {
    view.finalize();
  }
}
