// Loads and checks every task file of a folder: YAML syntax, schema, template expansion, unique ids.
// Errors name the file, the item and the field, and nothing is loaded when anything is wrong.
import fs from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { AtlasError } from "../errors.ts";
import { sha256 } from "../io/hashCache.ts";
import { expandTemplate } from "./expandTemplate.ts";
import { type Task, type TaskItem, type TaskTemplate, taskFileSchema, taskTemplateSchema } from "./taskSchema.ts";

export const TEMPLATE_FILE = "_template.yaml";

/** Reads files; passed in so tests can use fakes. */
export interface TaskFs {
  list(dir: string): string[];
  read(file: string): string;
}

export const nodeTaskFs: TaskFs = {
  list: (dir) => fs.readdirSync(dir),
  read: (file) => fs.readFileSync(file, "utf8"),
};

export function loadTasks(dir: string, io: TaskFs = nodeTaskFs): Task[] {
  const templateFile = path.join(dir, TEMPLATE_FILE);
  const templateText = io.read(templateFile);
  const template = validate(taskTemplateSchema, parseYaml(templateText, templateFile), templateFile);
  const files = io
    .list(dir)
    .filter((name) => /\.ya?ml$/.test(name) && !name.startsWith("_"))
    .sort();
  const tasks: Task[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const file = path.join(dir, name);
    const task = loadTask(file, io.read(file), template, templateText);
    const other = seen.get(task.id);
    if (other) throw new AtlasError(`duplicate task id "${task.id}", also used by ${other}`, { file, field: "id" });
    seen.set(task.id, file);
    tasks.push(task);
  }
  return tasks;
}

export function loadTask(file: string, text: string, template: TaskTemplate, templateText: string): Task {
  const raw = validate(taskFileSchema, parseYaml(text, file), file);
  const items: TaskItem[] = [...raw.items, ...raw.templates.flatMap((t) => expandTemplate(t, file))];
  if (items.length === 0) throw new AtlasError("has no items", { file, field: "items" });
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw new AtlasError(`duplicate item id`, { file, item: item.id, field: "id" });
    ids.add(item.id);
    if (item.tags.includes("natural") && !item.source) {
      throw new AtlasError("a natural item needs its source story", { file, item: item.id, field: "source" });
    }
  }
  const { items: _items, templates: _templates, ...fields } = raw;
  return {
    ...template,
    ...fields,
    items,
    file,
    contentHash: sha256(templateText + "\0" + text),
  };
}

function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const offset = error.pos[0];
    const before = text.slice(0, offset).split("\n");
    const at = ` at line ${before.length}, column ${before[before.length - 1].length + 1}`;
    throw new AtlasError(`is not valid YAML${at}: ${error.message.split("\n")[0]}`, { file });
  }
  return doc.toJS();
}

/** Parses with a schema; the first problem becomes one line naming the item (by id where it has one) and field. */
function validate<S extends z.ZodTypeAny>(schema: S, value: unknown, file: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const pathParts = [...issue.path];
  let item: string | undefined;
  if ((pathParts[0] === "items" || pathParts[0] === "templates") && typeof pathParts[1] === "number") {
    const list = (value as Record<string, unknown[]>)[pathParts[0] as string];
    const id = (list?.[pathParts[1]] as { id?: unknown })?.id;
    item = typeof id === "string" ? id : `#${pathParts[1] + 1} of ${pathParts[0]}`;
    pathParts.splice(0, 2);
  }
  const field = pathParts.join(".") || undefined;
  const problem = issue.code === "invalid_type" && issue.received === "undefined" ? "is missing" : issue.message;
  throw new AtlasError(problem, { file, item, field });
}
