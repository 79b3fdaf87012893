// Summaries of the per-token data that the comparison page shows, computed once here (pages render):
// the PCA of the tokens x models loss matrix with the tokens that load most on each component, and the
// correlation of per-token log-probabilities between every pair of scorers.
import path from "node:path";
import { z } from "zod";
import { writeJsonAtomic } from "../io/atomicWrite.ts";
import { roundNumbers } from "../results/buildResultFile.ts";
import { pca, projectRows } from "./pca.ts";
import type { TokenFolder } from "./tokenFiles.ts";

/** Tokens listed per end of each component. */
export const TOP_LOADING_TOKENS = 15;

export const tokenAnalysisSchema = z.object({
  /** The model ids that form the PCA's columns (baselines are left out: the PCA is over models). */
  pcaColumns: z.array(z.string()),
  /** Components, largest variance first. */
  components: z.array(
    z.object({
      /** Share of the variance of per-token loss it explains. */
      explained: z.number(),
      /** Weight of each model (pcaColumns order). */
      loadings: z.array(z.number()),
      /** Token positions (indices into ids.bin) with the highest and lowest scores on it. */
      high: z.array(z.object({ token: z.number().int(), score: z.number() })),
      low: z.array(z.object({ token: z.number().int(), score: z.number() })),
    }),
  ),
  /** Pearson correlation of per-token log-probabilities, correlations[i][j] over scorers in manifest order. */
  scorerIds: z.array(z.string()),
  correlations: z.array(z.array(z.number())),
});
export type TokenAnalysis = z.infer<typeof tokenAnalysisSchema>;

/** Writes dir/analysis.json from the folder's contents (as writeTokenData returned them). */
export function writeTokenAnalysis(dir: string, folder: TokenFolder): TokenAnalysis {
  const { manifest } = folder;
  const columns = manifest.scorers.map((_, j) => folder.columns(j));
  const models = manifest.scorers.map((s, j) => [s, j] as const).filter(([s]) => s.info.type === "model");
  const loss = models.map(([, j]) => Float64Array.from(columns[j].logprob, (x) => -x));
  const components = [];
  if (loss.length >= 2) {
    const result = pca(loss);
    for (let c = 0; c < Math.min(3, loss.length); c++) {
      const scores = projectRows(loss, result, c);
      const order = Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
      const pick = (ts: number[]) => ts.map((token) => ({ token, score: scores[token] }));
      components.push({
        explained: result.explained[c],
        loadings: result.loadings[c],
        high: pick(order.slice(0, TOP_LOADING_TOKENS)),
        low: pick(order.slice(-TOP_LOADING_TOKENS).reverse()),
      });
    }
  }
  const analysis = roundNumbers(
    tokenAnalysisSchema.parse({
      pcaColumns: models.map(([s]) => s.info.id),
      components,
      scorerIds: manifest.scorers.map((s) => s.info.id),
      correlations: columns.map((a) => columns.map((b) => pearson(a.logprob, b.logprob))),
    }),
  );
  writeJsonAtomic(path.join(dir, "analysis.json"), analysis);
  return analysis;
}

function pearson(a: Float32Array, b: Float32Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}
