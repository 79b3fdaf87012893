// Stable names of the exported internal activations, after TransformerLens's hook names, so pages,
// result files and the paper refer to the same tensor by the same name.
export const activationNames = {
  /** Attention probabilities of layer L: [batch, heads, query, key]. */
  pattern: (layer: number) => `blocks.${layer}.attn.hook_pattern`,
  /** The residual stream after block L (attention and MLP added): [batch, seq, d_model]. */
  residPost: (layer: number) => `blocks.${layer}.hook_resid_post`,
};
