// Task files: template merge and expansion, and bad input named by file, item and field.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadTasks } from "../../../src/lib/tasks/loadTasks.ts";

const template = `mainMetric: p_first
verdict:
  minTop1: 0.5
  minMeanLogitDiff: 0
dataCredit: TinyStories (CDLA-Sharing-1.0)
`;

const good = `id: demo
title: Demo
version: 2
description: A demo task.
items:
  - id: first
    prompt: Once upon a
    answer: " time"
    wrong: " day"
    tags: [seed]
templates:
  - id: named
    description: names and distances
    prompt: "A dog named {name}.{filler} The dog"
    answer: " {verb}"
    rows:
      - { name: Rex, verb: ran }
      - { name: Max, verb: sat }
    with:
      filler:
        - { label: near, text: "" }
        - { label: far, text: " It was a sunny day." }
`;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function taskDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-tasks-"));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "_template.yaml"), template);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

function error(files: Record<string, string>): string {
  const dir = taskDir(files);
  try {
    loadTasks(dir);
  } catch (e) {
    expect((e as Error).name).toBe("AtlasError");
    expect((e as Error).message).not.toContain("\n");
    return (e as Error).message.replaceAll(dir + path.sep, "");
  }
  throw new Error("expected loadTasks to fail");
}

describe("loadTasks", () => {
  it("merges the template and expands templates into tagged items", () => {
    const [task] = loadTasks(taskDir({ "demo.yaml": good }));
    expect(task).toMatchObject({ id: "demo", version: 2, mainMetric: "p_first", verdict: { minTop1: 0.5, minMeanLogitDiff: 0 } });
    expect(task.items.map((i) => [i.id, i.prompt, i.answer, i.tags])).toEqual([
      ["first", "Once upon a", " time", ["seed"]],
      ["named-1", "A dog named Rex. The dog", " ran", ["synthetic", "template:named", "filler:near"]],
      ["named-2", "A dog named Rex. It was a sunny day. The dog", " ran", ["synthetic", "template:named", "filler:far"]],
      ["named-3", "A dog named Max. The dog", " sat", ["synthetic", "template:named", "filler:near"]],
      ["named-4", "A dog named Max. It was a sunny day. The dog", " sat", ["synthetic", "template:named", "filler:far"]],
    ]);
    expect(task.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes the content hash when an item changes", () => {
    const [a] = loadTasks(taskDir({ "demo.yaml": good }));
    const [b] = loadTasks(taskDir({ "demo.yaml": good.replace('" time"', '" times"') }));
    expect(a.contentHash).not.toBe(b.contentHash);
  });

  it("names a missing field", () => {
    expect(error({ "demo.yaml": good.replace("    answer: \" time\"\n", "") })).toBe("file demo.yaml, item first, field answer: is missing");
  });

  it("names a field of the wrong type", () => {
    expect(error({ "demo.yaml": good.replace("version: 2", "version: two") })).toBe("file demo.yaml, field version: Expected number, received string");
    expect(error({ "demo.yaml": good.replace("tags: [seed]", "tags: seed") })).toBe("file demo.yaml, item first, field tags: Expected array, received string");
  });

  it("refuses an empty answer", () => {
    expect(error({ "demo.yaml": good.replace('answer: " time"', 'answer: ""') })).toBe("file demo.yaml, item first, field answer: must not be empty");
  });

  it("refuses a duplicate item id, also between items and templates", () => {
    expect(error({ "demo.yaml": good.replace("id: first", "id: named-2") })).toBe("file demo.yaml, item named-2, field id: duplicate item id");
  });

  it("refuses a duplicate task id across files", () => {
    expect(error({ "demo.yaml": good, "other.yaml": good })).toBe("file other.yaml, field id: duplicate task id \"demo\", also used by demo.yaml");
  });

  it("refuses YAML that does not parse, with its line", () => {
    expect(error({ "demo.yaml": good.replace("title: Demo", "title: [Demo") })).toBe(
      "file demo.yaml: is not valid YAML at line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]",
    );
  });

  it("names a template slot that nothing defines", () => {
    expect(error({ "demo.yaml": good.replace("The dog\"", "The {animal}\"") })).toBe(
      "file demo.yaml, item named-1, field prompt: template named uses {animal}, which no row or \"with\" list defines",
    );
  });

  it("requires the source story of natural items", () => {
    expect(error({ "demo.yaml": good.replace("tags: [seed]", "tags: [natural]") })).toBe("file demo.yaml, item first, field source: a natural item needs its source story");
  });
});
