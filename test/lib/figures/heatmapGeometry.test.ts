// The head-ablation picture's grid, as measured from vega's scenegraph, must be where the SVG draws the
// cells (read back from the SVG itself), and a click anywhere inside a cell must find that cell's head.
import { describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { heatmapGeometry } from "../../../src/lib/figures/heatmapGeometry.ts";
import { figuresForTask } from "../../../src/lib/figures/registry.ts";
import { renderSvg } from "../../../src/lib/figures/vegaNode.ts";
import { headAt, headAtClick } from "../../../src/scripts/heatmapHit.ts";
import { loadMechanismFiles } from "./mechanismFiles.ts";
import { loadResultFiles } from "./resultFiles.ts";

/** The SVG's width and height attributes (as the site's figureLinks.svgSize reads them). */
function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg)!;
  return { width: Number(m[1]), height: Number(m[2]) };
}

interface SvgCell {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Each cell the SVG draws, by "model L.H", at its absolute position (nested translates added up). */
function svgCells(svg: string): Map<string, SvgCell> {
  const cells = new Map<string, SvgCell>();
  const stack: Array<[number, number]> = [[0, 0]];
  for (const m of svg.matchAll(/<(\/?)(g|path)\b([^>]*?)(\/?)>/g)) {
    const [, close, tag, attrs, selfClosing] = m;
    const [px, py] = stack[stack.length - 1];
    if (tag === "g") {
      if (close) stack.pop();
      else if (!selfClosing) {
        const t = /transform="translate\(([-\d.]+),([-\d.]+)\)"/.exec(attrs);
        stack.push(t ? [px + Number(t[1]), py + Number(t[2])] : [px, py]);
      }
      continue;
    }
    const label = /aria-label="[^"]*?model: ([^;"]+); head \(L\.H\): (\d+\.\d+)/.exec(attrs);
    const d = /\sd="M([-\d.]+),([-\d.]+)h([-\d.]+)v([-\d.]+)/.exec(attrs);
    if (label && d) cells.set(`${label[1]} ${label[2]}`, { x: px + Number(d[1]), y: py + Number(d[2]), width: Number(d[3]), height: Number(d[4]) });
  }
  return cells;
}

describe("head-ablation heatmap geometry", async () => {
  const mechanisms = loadMechanismFiles();
  const result = loadResultFiles().find((r) => r.task.id === "induction")!;
  const figure = figuresForTask(result, mechanisms.get("induction")!).find((f) => f.kind === "head-ablation")!;
  const svg = await renderSvg(figure.spec);
  const geometry = await heatmapGeometry(figure, svgSize(svg));

  it("has one panel per model with its layers and heads", () => {
    expect(geometry.panels.map((p) => [p.model, p.layers, p.heads])).toEqual(mechanisms.get("induction")!.models.map((m) => [m.model.id, m.model.layers, m.model.heads]));
    expect([geometry.width, geometry.height]).toEqual([svgSize(svg).width, svgSize(svg).height]);
  });

  it("puts every cell where the SVG draws it", async () => {
    // The same figure with per-cell aria labels (the published spec leaves them out to keep the SVG small).
    const labelled = structuredClone(figure.spec) as TopLevelSpec & { spec: { mark: { aria: boolean } } };
    labelled.spec.mark.aria = true;
    const drawn = svgCells(await renderSvg(labelled));
    let checked = 0;
    for (const p of geometry.panels) {
      for (let layer = 0; layer < p.layers; layer++) {
        for (let head = 0; head < p.heads; head++) {
          const cell = drawn.get(`${p.model} ${layer}.${head}`)!;
          expect(cell, `${p.model} ${layer}.${head}`).toBeDefined();
          expect(Math.abs(cell.x - (p.x + head * p.dx))).toBeLessThan(0.01);
          expect(Math.abs(cell.y - (p.y + layer * p.dy))).toBeLessThan(0.01);
          expect([cell.width, cell.height]).toEqual([p.dx, p.dy]);
          // Anywhere inside the cell finds it; so does a click on a picture shown at half size.
          expect(headAt(geometry, cell.x + 0.2 * p.dx, cell.y + 0.8 * p.dy)).toEqual({ model: p.model, layer, head });
          expect(headAtClick(geometry, (cell.x + p.dx / 2) / 2, (cell.y + p.dy / 2) / 2, geometry.width / 2, geometry.height / 2)).toEqual({ model: p.model, layer, head });
          checked++;
        }
      }
    }
    expect(checked).toBe(drawn.size);
  });

  it("finds no head outside the panels", () => {
    expect(headAt(geometry, 0, 0)).toBeNull();
    const p = geometry.panels[0];
    expect(headAt(geometry, p.x - 1, p.y + 1)).toBeNull();
    expect(headAt(geometry, p.x + p.heads * p.dx + 0.5, p.y + 1)).toBeNull();
    expect(headAtClick(geometry, 10, 10, 0, 0)).toBeNull();
  });
});
