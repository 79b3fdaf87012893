// `atlas models [--json]`: the configured models, their source, shape, parameters, and whether ready.
import type { AtlasContext } from "../../atlasContext.ts";
import { resolveModelSet } from "../../models/modelSet.ts";
import { findPrepared } from "../../models/prepareModel.ts";
import type { ModelEntry } from "../../models/registry.ts";
import { type CliIo, formatTable } from "../io.ts";

export interface ModelRow {
  /** Registry id. */
  id: string;
  /** published / replica / fixture / local. */
  kind: ModelEntry["kind"];
  /** hub repo@revision or folder path. */
  source: string;
  layers: number;
  width: number;
  /** Parameters (tied embedding once); null until the checkpoint is local. */
  parameters: number | null;
  /** ready: prepared (ONNX exported); not prepared: checkpoint local; missing: not downloaded. */
  status: "ready" | "not prepared" | "missing";
  /** Why it is not ready, when it is not. */
  detail: string | null;
}

export async function modelsCommand(ctx: AtlasContext, io: CliIo, flags: { json: boolean }): Promise<number> {
  const rows: ModelRow[] = [];
  for (const entry of resolveModelSet(ctx.modelSpec, { cwd: ctx.root })) rows.push(await modelRow(entry, ctx));
  if (flags.json) io.out(JSON.stringify(rows, null, 2) + "\n");
  else
    io.out(
      formatTable(
        ["id", "kind", "shape", "parameters", "status", "source"],
        rows.map((r) => [r.id, r.kind, `${r.layers} x ${r.width}`, r.parameters?.toLocaleString("en-US") ?? "?", r.status, r.source]),
      ),
    );
  return 0;
}

async function modelRow(entry: ModelEntry, ctx: AtlasContext): Promise<ModelRow> {
  const source = entry.source.kind === "hub" ? `${entry.source.repo}@${entry.source.revision}` : entry.source.path;
  const base = { id: entry.id, kind: entry.kind, source, layers: entry.layers, width: entry.width };
  try {
    // Offline: listing never downloads; a hub model not in the cache is "missing".
    const prepared = await findPrepared(entry, { ...ctx, offline: true });
    if (prepared) return { ...base, parameters: prepared.manifest.parameters, status: "ready", detail: null };
    return { ...base, parameters: null, status: "not prepared", detail: "run `atlas prepare` (or the build)" };
  } catch (e) {
    return { ...base, parameters: null, status: "missing", detail: (e as Error).message };
  }
}
