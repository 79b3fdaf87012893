// Every chart spec in src/charts, filled with the rows of every real result file (and, for the mechanism
// figures, of every real mechanism file), must validate against vega-lite's JSON schema, compile, parse and
// run in vega without a single warning.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { chartFiles, chartTemplates, figureCharts, type ChartName } from "../../src/lib/figures/chartSpecs.ts";
import { figuresForTask } from "../../src/lib/figures/registry.ts";
import { runView } from "../../src/lib/figures/vegaNode.ts";
import { matchMechanisms } from "../../src/lib/mechanisms/matchMechanisms.ts";
import { loadMechanismFiles } from "../lib/figures/mechanismFiles.ts";
import { loadResultFiles } from "../lib/figures/resultFiles.ts";

const chartsDir = "src/charts";
const specFiles = fs.readdirSync(chartsDir).filter((f) => f.endsWith(".vl.json")).sort();
const schema = JSON.parse(fs.readFileSync(createRequire(import.meta.url).resolve("vega-lite/vega-lite-schema.json"), "utf8"));
const validate = new Ajv({ strict: false, allowUnionTypes: true, allErrors: true }).compile(schema);

function schemaErrors(spec: unknown): string[] {
  return validate(spec) ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message}`);
}

describe("chart specs", () => {
  const results = loadResultFiles();
  const mechanisms = loadMechanismFiles();
  const mechanismKinds = new Set(["head-ablation", "attribution", "logit-lens"]);

  it("are checked by a validator that rejects a wrong spec", () => {
    expect(schemaErrors({ data: { name: "table" }, mark: "pie-chart", encoding: { x: { field: "a", type: "quantitative" } } })).not.toEqual([]);
  });

  it("are all used by the figure registry", () => {
    expect(specFiles).toEqual(Object.values(chartFiles).sort());
  });

  describe.each(specFiles)("%s", (file) => {
    const template = JSON.parse(fs.readFileSync(path.join(chartsDir, file), "utf8"));
    const kinds = Object.entries(figureCharts).filter(([, chart]) => chartFiles[chart] === file).map(([kind]) => kind);

    it("is the template figures fill, reading its rows from the data set `table`", () => {
      const chart = (Object.keys(chartFiles) as ChartName[]).find((c) => chartFiles[c] === file)!;
      expect(chartTemplates[chart]).toEqual(template);
      expect(template.data).toEqual({ name: "table" });
      expect(kinds.length).toBeGreaterThan(0);
    });

    it.each(results.map((r) => [r.task.id, r] as const))("with %s's rows: validates, compiles and runs without warnings", async (_, result) => {
      const file = mechanisms.get(result.task.id) ?? null;
      const figures = figuresForTask(result, file).filter((f) => kinds.includes(f.kind));
      // A mechanism chart must not pass by having nothing to draw: every task with usable evidence fills it.
      if (kinds.some((k) => mechanismKinds.has(k)) && matchMechanisms(result, file).ok) expect(figures.length).toBe(kinds.length);
      for (const figure of figures) {
        expect(schemaErrors(figure.spec), figure.id).toEqual([]);
        const messages: string[] = [];
        const view = await runView(figure.spec, messages);
        view.finalize();
        expect(messages, figure.id).toEqual([]);
      }
    });
  });
});
