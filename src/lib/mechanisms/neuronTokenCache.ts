// Neurons' top tokens on the validation stories, cached per model (weights hash) and stories (their sha256):
// a neuron already read is never read again; the story pass runs only for neurons new to the cache.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { writeJsonAtomic } from "../io/atomicWrite.ts";
import { MECHANISM_VERSION } from "./mechanismSchema.ts";
import type { TokenHit } from "./neuronTopTokens.ts";

const hitSchema = z.object({ story: z.number().int(), position: z.number().int(), activation: z.number() });
const fileSchema = z.object({ mechanismVersion: z.string(), fingerprint: z.string(), stories: z.string(), neurons: z.record(z.array(hitSchema)) });

export class NeuronTokenCache {
  private neurons: Record<string, TokenHit[]> = {};
  private readonly file: string;

  constructor(cacheDir: string, private readonly fingerprint: string, private readonly storiesSha256: string) {
    this.file = path.join(cacheDir, "mechanisms", fingerprint.slice(0, 24), `neurons-${storiesSha256.slice(0, 16)}.json`);
    if (!fs.existsSync(this.file)) return;
    try {
      const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(this.file, "utf8")));
      const ok = parsed.success && parsed.data.mechanismVersion === MECHANISM_VERSION && parsed.data.fingerprint === fingerprint && parsed.data.stories === storiesSha256;
      if (ok) this.neurons = parsed.data.neurons;
    } catch {
      // unreadable: read again
    }
  }

  get(key: string): TokenHit[] | undefined {
    return this.neurons[key];
  }

  setAll(hits: Map<string, TokenHit[]>): void {
    for (const [key, list] of hits) this.neurons[key] = list;
    writeJsonAtomic(this.file, { mechanismVersion: MECHANISM_VERSION, fingerprint: this.fingerprint, stories: this.storiesSha256, neurons: this.neurons });
  }
}
