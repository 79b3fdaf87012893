// The task files themselves: they load, each has enough items of each kind, natural items are true
// excerpts of their cited story, and every answer is a clean token continuation of its prompt.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildTokenizerFilesFromFolder } from "../../src/lib/models/buildTokenizerJson.ts";
import { tokenizerFromJson, type Tokenizer } from "../../src/lib/models/tokenizer.ts";
import { loadTasks } from "../../src/lib/tasks/loadTasks.ts";
import { splitStories } from "../../src/lib/tasks/stories.ts";
import { sharedModelsDir } from "../sharedModels.ts";
import { repoRoot, sharedDir } from "../sharedPath.ts";

const tasks = loadTasks(path.join(repoRoot, "src/content/tasks"));
const stories = new Map<string, string[]>();
function story(file: string, index: number): string | undefined {
  if (!stories.has(file)) {
    const text = fs.readFileSync(path.join(sharedDir, "data", file), "utf8");
    stories.set(file, file.endsWith(".json") ? (JSON.parse(text) as string[]).map((s) => s.trim()) : splitStories(text));
  }
  return stories.get(file)![index];
}

let tokenizer: Tokenizer;
beforeAll(async () => {
  const files = await buildTokenizerFilesFromFolder(path.join(sharedModelsDir, "tiny-random-gpt-neo"));
  tokenizer = tokenizerFromJson(files.tokenizerJson, files.tokenizerConfig);
});

const seedCapabilities = [
  "ngrams",
  "repeated-tokens",
  "induction",
  "skip-trigrams",
  "plural-singular",
  "story-start",
  "end-quote",
  "pronouns",
  "related-concepts",
  "ioi",
];

describe("task files", () => {
  it("cover the ten capabilities seed 003 observed in TinyStories-1M", () => {
    expect(tasks.map((t) => t.id).sort()).toEqual(expect.arrayContaining([...seedCapabilities].sort()));
  });

  describe.each(tasks.map((t) => [t.id, t] as const))("%s", (_, task) => {
    it("has at least 40 items: the seed's examples, natural items and synthetic variants", () => {
      expect(task.items.length).toBeGreaterThanOrEqual(40);
      const kinds = (tag: string) => task.items.filter((i) => i.tags.includes(tag)).length;
      if (seedCapabilities.includes(task.id)) expect(kinds("seed")).toBeGreaterThan(0);
      expect(kinds("natural")).toBeGreaterThanOrEqual(10);
      expect(kinds("synthetic")).toBeGreaterThanOrEqual(10);
    });

    it("cuts every natural item from its cited story, word for word", () => {
      for (const item of task.items.filter((i) => i.source)) {
        const text = story(item.source!.file, item.source!.story);
        expect(text, `${item.id}: story ${item.source!.story} of ${item.source!.file}`).toBeDefined();
        expect(text!.includes(item.prompt.trimStart() + item.answer), `${item.id}: prompt + answer in the story`).toBe(true);
      }
    });

    it("tokenizes every prompt as a prefix of prompt + answer (and of prompt + wrong)", () => {
      for (const item of task.items) {
        const prompt = tokenizer.encode(item.prompt);
        for (const continuation of [item.answer, item.wrong].filter((c): c is string => c !== undefined)) {
          const whole = tokenizer.encode(item.prompt + continuation);
          expect(whole.slice(0, prompt.length), `${item.id} + ${JSON.stringify(continuation)}`).toEqual(prompt);
          expect(whole.length, `${item.id}: ${JSON.stringify(continuation)} adds tokens`).toBeGreaterThan(prompt.length);
        }
      }
    });

    it("gives wrong answers whose first token differs from the answer's", () => {
      for (const item of task.items.filter((i) => i.wrong !== undefined)) {
        const n = tokenizer.encode(item.prompt).length;
        expect(tokenizer.encode(item.prompt + item.wrong)[n], item.id).not.toBe(tokenizer.encode(item.prompt + item.answer)[n]);
      }
    });
  });
});
