// Which models a build uses: the published suite by default, or folders, chosen by ATLAS_MODELS / --models.
import fs from "node:fs";
import path from "node:path";
import { AtlasError } from "../errors.ts";
import { type ModelEntry, findPublished, publishedModels } from "./registry.ts";
import { parameterCount, parseGptNeoConfig } from "./gptNeoConfig.ts";

/** The environment variable that selects the model set (the --models flag overrides it). */
export const MODEL_SET_ENV = "ATLAS_MODELS";

export interface ModelSetOptions {
  /** Folder that relative paths are resolved against (the repo root). */
  cwd: string;
}

/**
 * Resolves a model-set spec: "published" (default: the 14 hub models), or a comma-separated list of
 * published ids, hub repo ids (owner/name[@revision]), model folders, or folders of model folders
 * (e.g. ../shared/models).
 */
export function resolveModelSet(spec: string | undefined, opts: ModelSetOptions): ModelEntry[] {
  const text = (spec ?? "published").trim();
  if (text === "" || text === "published") return publishedModels;
  const entries = text.split(",").flatMap((part) => resolveOne(part.trim(), opts));
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) throw new AtlasError(`model id ${e.id} appears twice in ${MODEL_SET_ENV}="${text}"`);
    seen.add(e.id);
  }
  return entries;
}

/** One model by hub id, published id, or folder; used by commands that take --model. */
export function resolveModel(spec: string, opts: ModelSetOptions): ModelEntry {
  const found = resolveOne(spec, opts);
  if (found.length !== 1) throw new AtlasError(`"${spec}" names ${found.length} models; give one model folder or id`);
  return found[0];
}

function resolveOne(spec: string, opts: ModelSetOptions): ModelEntry[] {
  const published = findPublished(spec);
  const local = path.resolve(opts.cwd, spec);
  if (fs.existsSync(local) && fs.statSync(local).isDirectory()) {
    if (fs.existsSync(path.join(local, "config.json"))) return [folderModel(local)];
    const children = fs
      .readdirSync(local)
      .map((name) => path.join(local, name))
      .filter((p) => fs.existsSync(path.join(p, "config.json")));
    if (children.length === 0) throw new AtlasError(`folder ${local} has no config.json and no model folders inside`);
    // Sizes computed once per folder (each reads its config.json), not once per comparison.
    const sized = children.map(folderModel).map((m) => ({ m, size: sizeKey(m) }));
    return sized.sort((a, b) => a.size - b.size || a.m.id.localeCompare(b.m.id)).map(({ m }) => m);
  }
  if (published) {
    const revision = spec.includes("@") ? spec.split("@")[1] : published.source.kind === "hub" ? published.source.revision : "main";
    return [{ ...published, source: { kind: "hub", repo: `roneneldan/${published.id}`, revision } }];
  }
  if (/^[\w.-]+\/[\w.-]+(@[\w.-]+)?$/.test(spec)) {
    const [repo, revision = "main"] = spec.split("@");
    return [
      {
        id: repo.split("/")[1],
        source: { kind: "hub", repo, revision },
        layers: 0,
        width: 0,
        instruct: /instu?ct/i.test(repo),
        kind: "local",
        description: `Hub model ${repo}`,
      },
    ];
  }
  throw new AtlasError(`"${spec}" is neither a model folder, a published TinyStories model, nor a hub id (owner/name)`);
}

/** A folder model: shape from its config.json; a training.json marks a replica trained elsewhere. */
export function folderModel(folder: string): ModelEntry {
  const file = path.join(folder, "config.json");
  const config = parseGptNeoConfig(fs.readFileSync(file, "utf8"), { file, model: folder });
  const id = path.basename(folder);
  const replica = fs.existsSync(path.join(folder, "training.json"));
  const fixture = !replica && /random|fixture/i.test(id);
  const kind = replica ? "replica" : fixture ? "fixture" : "local";
  const description = {
    replica: `Replica of a published shape trained on a small sample (not a published model), ${config.num_layers} x ${config.hidden_size}`,
    fixture: `Test fixture with random weights (not a language model), ${config.num_layers} x ${config.hidden_size}`,
    local: `Local checkpoint, ${config.num_layers} x ${config.hidden_size}`,
  }[kind];
  return {
    id,
    source: { kind: "folder", path: folder },
    layers: config.num_layers,
    width: config.hidden_size,
    instruct: false,
    kind,
    description,
  };
}

function sizeKey(m: ModelEntry): number {
  if (m.source.kind !== "folder") return m.layers * m.width * m.width;
  const config = parseGptNeoConfig(fs.readFileSync(path.join(m.source.path, "config.json"), "utf8"), { file: "config.json" });
  return parameterCount(config);
}
