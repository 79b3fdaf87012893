// `atlas site-assets` on the shared fixture model: a prepared model is published with onnxruntime-web's
// wasm; a configured model that is not prepared is reported and left out.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { siteAssetsCommand } from "../../../../src/lib/cli/commands/siteAssets.ts";
import type { CliIo } from "../../../../src/lib/cli/io.ts";
import { resolveModel } from "../../../../src/lib/models/modelSet.ts";
import { prepareModel } from "../../../../src/lib/models/prepareModel.ts";
import { readModelIndex } from "../../../../src/lib/site/modelIndex.ts";
import { ortWasmFiles } from "../../../../src/lib/site/ortWasm.ts";
import { sharedModelsDir, tempContext } from "../../../sharedModels.ts";
import { repoRoot } from "../../../sharedPath.ts";

const tiny = path.join(sharedModelsDir, "tiny-random-gpt-neo");
const other = path.join(sharedModelsDir, "tinystories-8L-64-replica");
const ctx = tempContext(`${tiny},${other}`);
const publicDir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-public-"));
afterAll(() => {
  ctx.cleanup();
  fs.rmSync(publicDir, { recursive: true, force: true });
});

describe("atlas site-assets", () => {
  it("publishes prepared models and the wasm, and names the models it skipped", async () => {
    await prepareModel(resolveModel(tiny, { cwd: repoRoot }), ctx);
    let err = "";
    const io: CliIo = { out: () => {}, err: (t) => (err += t), env: {}, isTty: false };
    expect(await siteAssetsCommand(ctx, io, { publicDir })).toBe(0);
    expect(err).toMatch(/tinystories-8L-64-replica is not prepared/);
    expect(readModelIndex(publicDir)!.models.map((m) => m.id)).toEqual(["tiny-random-gpt-neo"]);
    expect(fs.existsSync(path.join(publicDir, "models", "tiny-random-gpt-neo", "onnx", "model.onnx"))).toBe(true);
    expect(fs.existsSync(path.join(publicDir, "models", "tiny-random-gpt-neo", "onnx", "scorer.onnx"))).toBe(false);
    for (const f of Object.values(ortWasmFiles)) expect(fs.statSync(path.join(publicDir, "ort", f)).size).toBeGreaterThan(0);
  });
});
