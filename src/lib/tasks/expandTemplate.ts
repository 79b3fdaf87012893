// Synthetic items from a template: every row, combined with every choice of each `with` slot.
import { AtlasError } from "../errors.ts";
import type { ItemTemplate, TaskItem } from "./taskSchema.ts";

type Choice = { slot: string; label: string | null; text: string };

export function expandTemplate(template: ItemTemplate, file: string): TaskItem[] {
  const slots = Object.entries(template.with);
  const combos: Choice[][] = slots.reduce<Choice[][]>(
    (acc, [slot, values]) =>
      acc.flatMap((combo) =>
        values.map((v) => [...combo, typeof v === "string" ? { slot, label: null, text: v } : { slot, label: v.label, text: v.text }]),
      ),
    [[]],
  );
  const items: TaskItem[] = [];
  for (const row of template.rows) {
    for (const combo of combos) {
      const values: Record<string, string> = { ...row };
      for (const c of combo) values[c.slot] = c.text;
      const id = `${template.id}-${items.length + 1}`;
      const fill = (pattern: string, field: string) =>
        pattern.replace(/\{(\w+)\}/g, (_, slot: string) => {
          if (!(slot in values)) {
            throw new AtlasError(`template ${template.id} uses {${slot}}, which no row or "with" list defines`, { file, item: id, field });
          }
          return values[slot];
        });
      items.push({
        id,
        prompt: fill(template.prompt, "prompt"),
        answer: fill(template.answer, "answer"),
        wrong: template.wrong === undefined ? undefined : fill(template.wrong, "wrong"),
        tags: [
          "synthetic",
          `template:${template.id}`,
          ...template.tags,
          ...combo.filter((c) => c.label !== null).map((c) => `${c.slot}:${c.label}`),
        ],
      });
    }
  }
  for (const item of items) {
    for (const field of ["prompt", "answer"] as const) {
      if (item[field].length === 0) throw new AtlasError("is empty after filling the template", { file, item: item.id, field });
    }
    if (item.wrong !== undefined && item.wrong === item.answer) {
      throw new AtlasError("wrong equals answer after filling the template", { file, item: item.id, field: "wrong" });
    }
  }
  return items;
}
