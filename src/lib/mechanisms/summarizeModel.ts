// One model's evidence on one task, from its items' raw evidence (evidenceCache.ts) to the summaries of a
// mechanism file: ablation map and top heads, mean attribution with its sum check, attention summaries and
// labels, the lens per block, and the top neurons (their story tokens supplied by the caller).
import { effectMap, headEffects, headName, topHeads } from "./ablation.ts";
import { labelHead } from "./attentionLabel.ts";
import { contentPositions, itemHeadMasses, summarizeHead, type ItemHeadMasses } from "./attentionSummary.ts";
import { attributionSum } from "./directLogitAttribution.ts";
import type { ItemEvidence } from "./evidenceCache.ts";
import { summarizeLens } from "./lensSummary.ts";
import { mean } from "../scoring/aggregate.ts";
import type { ModelMechanisms } from "./mechanismSchema.ts";

export interface ModelEvidence {
  model: ModelMechanisms["model"];
  /** Evidence of the items analysed, in task order. */
  evidence: ItemEvidence[];
  /** Their final-position attention rows, decoded (evidence[i].attention). */
  attentionRows: Float32Array[];
  /** Their item ids. */
  itemIds: string[];
  skipped: ModelMechanisms["items"]["skipped"];
  /** The selected neurons with their top tokens. */
  neurons: ModelMechanisms["neurons"];
  itemsFile: string;
  /** The model's tokenizer's token texts. */
  tokenText: (id: number) => string;
}

export function summarizeModel(m: ModelEvidence): ModelMechanisms {
  const { layers: L, heads: H } = m.model;
  const ev = m.evidence;
  const meanOf = (pick: (e: ItemEvidence) => number[]) => Array.from({ length: pick(ev[0]).length }, (_, i) => mean(ev.map((e) => pick(e)[i])));
  const byLayer = (flat: number[]) => Array.from({ length: L }, (_, l) => flat.slice(l * H, (l + 1) * H));

  const attention = attentionSummaries(ev, m.attentionRows, L, H);
  const effects = headEffects(ev, L, H);
  const a = ev.map((e) => e.attribution);
  const sums = a.map(attributionSum);
  return {
    model: m.model,
    items: { used: ev.length, skipped: m.skipped, withWrong: ev.filter((e) => e.wrong !== null).length, withoutWrong: ev.filter((e) => e.wrong === null).length },
    ablation: {
      clean: mean(ev.map((e) => e.clean)),
      effects: effectMap(effects, L, H),
      topHeads: topHeads(effects).map((e) => ({
        head: headName(e.layer, e.head),
        effect: e.effect,
        sem: e.sem,
        hurtShare: e.hurtShare,
        label: attention[e.layer * H + e.head].label,
      })),
    },
    attribution: {
      actual: mean(a.map((x) => x.actual)),
      embed: mean(a.map((x) => x.embed)),
      attn: meanOf((e) => e.attribution.attn),
      heads: byLayer(meanOf((e) => e.attribution.heads)),
      attnBias: meanOf((e) => e.attribution.attnBias),
      mlp: meanOf((e) => e.attribution.mlp),
      mlpBias: meanOf((e) => e.attribution.mlpBias),
      lnBias: mean(a.map((x) => x.lnBias)),
      sum: mean(sums),
      maxAbsError: Math.max(...sums.map((s, i) => Math.abs(s - a[i].actual))),
    },
    attention,
    lens: summarizeLens(ev.map((e) => e.lens)).map((b) => ({ ...b, topTokens: b.topTokens.map((t) => ({ ...t, text: m.tokenText(t.id) })) })),
    neurons: m.neurons,
    itemsFile: m.itemsFile,
  };
}

function attentionSummaries(ev: ItemEvidence[], attentionRows: Float32Array[], L: number, H: number): ModelMechanisms["attention"] {
  const perHead: ItemHeadMasses[][] = Array.from({ length: L * H }, () => []);
  for (const [k, e] of ev.entries()) {
    const keys = e.promptIds.length;
    const rows = attentionRows[k];
    const positions = contentPositions(e.promptIds, e.answer, e.wrong);
    for (let i = 0; i < L * H; i++) perHead[i].push(itemHeadMasses(rows.subarray(i * keys, (i + 1) * keys), positions));
  }
  return perHead.map((masses, i) => {
    const s = summarizeHead(masses);
    return {
      head: headName(Math.floor(i / H), i % H),
      firstToken: s.firstToken,
      distances: s.distances,
      answer: s.content.answer,
      subject: s.content.subject,
      inductionTarget: s.content.inductionTarget,
      label: labelHead(s),
    };
  });
}
