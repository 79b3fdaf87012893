// One sentence per method, stated precisely, written into every mechanism file (its `method` section) so
// the pages and the paper quote the same definitions the numbers were computed with.
import { TOP_HEADS } from "./ablation.ts";
import { ATTENTION_FORMAT } from "./attentionCodec.ts";
import { CONTENT_MIN_CHANCE_RATIO, CONTENT_MIN_ITEM_SHARE, LABEL_MIN_MASS } from "./attentionLabel.ts";
import { MAX_DISTANCE } from "./attentionSummary.ts";
import type { MechanismFile } from "./mechanismSchema.ts";
import { NEURONS_PER_TASK } from "./neuronAttribution.ts";
import { TOP_TOKENS } from "./neuronTopTokens.ts";

export const methods: MechanismFile["method"] = {
  ablation:
    "Each head is ablated in its own forward pass over all of the task's items by multiplying its output by 0 before the attention output projection (whose bias stays), " +
    "and its effect is the mean over items of the change in the item's metric, logit(correct first token) - logit(wrong first token), or log p(correct first token) for an item " +
    `without a wrong answer, so a negative effect means the head helps; the ${TOP_HEADS} heads with the largest |effect| are listed as L.H (block.head, from 0).`,
  attribution:
    "At the final prompt position the residual stream h (embedding + every attention output + every MLP output) is read through the final LayerNorm with its scale " +
    "s = sqrt(var(h) + eps) frozen at its actual value on the item, so a component c contributes c . (gamma * u - mean(gamma * u)) / s to u . LN(h), where u = W_U[correct] - W_U[wrong] " +
    "(for an item without a wrong answer, u = W_U[correct] - the mean row of W_U, i.e. logit(correct) minus the mean logit over the vocabulary); a head's part is its z through its " +
    "slice of the output projection, the projections' biases are listed apart, beta . u is the LayerNorm bias term, and embedding + attention + MLP + LayerNorm bias equals the " +
    "actual logit difference (the graph's logits; for an item without a wrong answer, u . LN(h) with the real LayerNorm) up to float32 error (maxAbsError).",
  attention:
    "For every item, each head's attention from the final prompt position (the one that predicts the answer) is summed over the key d positions back " +
    `(d = 0..${MAX_DISTANCE}; 1 = the previous token), over the first token, over earlier positions holding the answer's first token, over earlier positions holding the wrong ` +
    "answer's first token (the subject's name in IOI-like tasks), and over earlier positions right after an occurrence of the current token (the induction target); each mass is " +
    "averaged over the items that have such positions, content masses with their chance level (the positions' share of the keys).",
  labels:
    "A head is labelled by whichever candidate has the largest mean mass: a distance d (distance-based: current-token for 0, previous-token for 1, distance-d beyond), the first token, " +
    `or a content kind (content-based: answer, subject, induction-target) that at least ${CONTENT_MIN_ITEM_SHARE * 100}% of the items have and that gets at least ` +
    `${CONTENT_MIN_CHANCE_RATIO} times its chance level, provided that mass is at least ${LABEL_MIN_MASS} (ties go to distances, then the first token, then content); ` +
    "otherwise the head is diffuse.",
  lens:
    "The residual stream after each block, at the final prompt position, is read through the model's own final LayerNorm and unembedding (the logit lens); per block the answer's " +
    "first token's log-probability and logit difference are averaged over items, its rank is the median, top1Share is the share of items where it ranks first, and topTokens are " +
    "the tokens most often ranked first; the last block's reading is the model's prediction.",
  neurons:
    "A neuron's attribution is its activation (after gelu_new) at the final prompt position times its output weights' readout W_out[:, n] . (gamma * u - mean(gamma * u)) / s, " +
    `so a block's neurons plus its output bias give that block's MLP attribution; the ${NEURONS_PER_TASK} neurons with the largest |mean attribution| over the task's items ` +
    `are listed as L.N with the ${TOP_TOKENS} validation-story tokens on which they activate most (each story read after <|endoftext|>, in half-overlapping windows of the ` +
    "model's context where longer), located by story, position and global token index (storyOffsets[story] + position in data/tokens).",
  itemsFile:
    `The items file stores, per item, every head's attention row from the final prompt position as bytes round(weight * 255), layer-major then head, base64 (${ATTENTION_FORMAT}, ` +
    "decoded by attentionCodec.ts), and per block the logit lens's rank and log-probability of the answer's first token with its 3 most likely tokens.",
};
