// End to end on the shared data: the trigram fitted on the shared training file knows "Once upon a time".
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASELINE_IDS } from "../../../src/lib/baselines/baselineRegistry.ts";
import { fitBaselines, type FittedBaselines } from "../../../src/lib/baselines/fitBaselines.ts";
import type { Tokenizer } from "../../../src/lib/models/tokenizer.ts";
import { repoRoot } from "../../sharedPath.ts";
import { haveSharedData, sharedTokenizer, sharedTrainFile } from "./sharedTraining.ts";

describe.skipIf(!haveSharedData)("fitBaselines on the shared training file", () => {
  let tokenizer: Tokenizer;
  let cacheDir: string;
  let fitted: FittedBaselines;
  beforeAll(async () => {
    tokenizer = await sharedTokenizer();
    cacheDir = await mkdtemp(path.join(os.tmpdir(), "atlas-fit-"));
    fitted = await fitBaselines({ tokenizer, root: repoRoot, env: {}, cacheDir });
  });
  afterAll(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  it("records where the training text came from", async () => {
    expect(fitted.training.source).toBe(sharedTrainFile);
    expect(fitted.training.stories).toBe(1000);
    expect(fitted.training.tokens).toBe(236344);
    expect(fitted.training.description).toBe(`the first 1000 stories of ${sharedTrainFile}: 236344 tokens`);
    expect(fitted.fingerprint("trigram")).toMatch(/^[0-9a-f]{64}$/);
    // The token ids are cached; a second fit reads them.
    expect(await readdir(path.join(cacheDir, "baselines", "tokens"))).toHaveLength(1);
    const again = await fitBaselines({ tokenizer, root: repoRoot, env: {}, cacheDir });
    expect(again.training).toEqual(fitted.training);
    expect(again.counts.trigram.counts).toEqual(fitted.counts.trigram.counts);
  });

  it('trigram: " upon" is top after "Once", " time" is top after "Once upon a"', async () => {
    const ids = tokenizer.encode("Once upon a");
    const upon = tokenizer.encode(" upon")[0];
    const time = tokenizer.encode(" time")[0];
    expect(ids).toEqual([7454, upon, 257]);
    const [s] = await fitted.scorer("trigram").score([{ ids, targets: [[upon], [upon], [time]] }]);
    expect(s.targetRanks[0]).toBe(1);
    expect(s.topIds[0]).toBe(upon);
    expect(s.targetRanks[2]).toBe(1);
    expect(s.topIds[2 * 5]).toBe(time);
    // Probabilities with modified Kneser-Ney on the 1000 shared stories.
    expect(Math.exp(s.targetLogprobs[0])).toBeCloseTo(0.8599, 3);
    expect(Math.exp(s.targetLogprobs[2])).toBeCloseTo(0.9864, 3);
  });

  it("every baseline scores a story; the copy rule ranks a repeated name's successor first", async () => {
    const ids = tokenizer.encode("A big, hairy rabbit named Bongo liked carrots. One day, the rabbit named Bongo");
    const targets = ids.map((_, i) => [ids[i + 1] ?? ids[0]]);
    for (const id of BASELINE_IDS) {
      const [s] = await fitted.scorer(id).score([{ ids, targets }]);
      expect(s.targetLogprobs.every((x) => Number.isFinite(x) && x < 0)).toBe(true);
    }
    // After the second " named" the copy rule predicts " Bongo" (what followed the first " named").
    const named = ids.lastIndexOf(tokenizer.encode(" named")[0]);
    const [copy] = await fitted.scorer("copy").score([{ ids, targets }]);
    expect(copy.targetRanks[named]).toBe(1);
    expect(Math.exp(copy.targetLogprobs[named])).toBeGreaterThan(0.9);
  });
});
