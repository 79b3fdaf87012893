// Whether a task's mechanism file can stand beside its result file. Pages, figures and the report show
// mechanism evidence only when it is of the same task content as the results; otherwise they say why
// (a new capability before `atlas mechanisms` ran, or evidence left from an older version of the task).
import type { ResultFile } from "../results/resultSchema.ts";
import type { MechanismFile } from "./mechanismSchema.ts";

export type TaskMechanisms = { ok: true; file: MechanismFile } | { ok: false; reason: string };

const rerun = "run `atlas mechanisms`";

/** `file` is the task's mechanism file, or null where there is none. */
export function matchMechanisms(result: ResultFile, file: MechanismFile | null): TaskMechanisms {
  const task = result.task.id;
  if (!file) return { ok: false, reason: `This build has no mechanism evidence for task ${task} yet (${rerun}).` };
  if (file.task.id !== task) return { ok: false, reason: `The mechanism file for task ${task} holds task ${file.task.id} (${rerun}).` };
  if (file.task.contentHash !== result.task.contentHash) {
    const versions = file.task.version === result.task.version ? `its items have changed since (both v${file.task.version})` : `v${file.task.version}, the results v${result.task.version}`;
    return { ok: false, reason: `The mechanism evidence for task ${task} was computed on another version of its items than the results (${versions}); ${rerun}.` };
  }
  if (file.models.length === 0) return { ok: false, reason: `The mechanism file for task ${task} has no models (${rerun}).` };
  return { ok: true, file };
}
