import { describe, expect, it } from "vitest";
import { figuresForTask } from "../../../src/lib/figures/registry.ts";
import { renderPng } from "../../../src/lib/figures/renderPng.ts";
import { renderSvg } from "../../../src/lib/figures/vegaNode.ts";
import { tinyResult } from "./resultFiles.ts";

describe("static rendering", () => {
  const figures = figuresForTask(tinyResult());

  it("renders the same SVG bytes twice, naming every scorer", async () => {
    for (const figure of figures) {
      const first = await renderSvg(figure.spec);
      const second = await renderSvg(figure.spec);
      expect(second).toBe(first);
      expect(first.startsWith("<svg")).toBe(true);
      for (const id of ["small", "big", "copy"]) expect(first).toContain(id);
    }
  });

  it("rasterizes to PNG at twice the SVG's size", async () => {
    const svg = await renderSvg(figures[0].spec);
    const png = await renderPng(svg);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(png.readUInt32BE(16)).toBe(width * 2); // IHDR width
  });

  it("fails on a chart vega warns about rather than drawing it empty", async () => {
    const empty = { data: { values: [] }, mark: "point", encoding: { x: { field: "v", type: "quantitative" } } } as const;
    await expect(renderSvg(empty)).rejects.toThrow(/Infinite extent/);
  });
});
