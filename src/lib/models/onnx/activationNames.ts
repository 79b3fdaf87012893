// Stable names of the exported internal activations, after TransformerLens's hook names, so pages,
// result files and the paper refer to the same tensor by the same name.
export const activationNames = {
  /** Token + position embedding: the residual stream before block 0 [batch, seq, d_model]. */
  residPre0: "blocks.0.hook_resid_pre",
  /** Attention probabilities of layer L: [batch, heads, query, key]. */
  pattern: (layer: number) => `blocks.${layer}.attn.hook_pattern`,
  /** Each head's output before the output projection: [batch, seq, heads, head_dim]. */
  z: (layer: number) => `blocks.${layer}.attn.hook_z`,
  /** The attention sublayer's output (its increment to the residual stream): [batch, seq, d_model]. */
  attnOut: (layer: number) => `blocks.${layer}.hook_attn_out`,
  /** MLP neuron activations after gelu_new: [batch, seq, d_mlp]. */
  mlpPost: (layer: number) => `blocks.${layer}.mlp.hook_post`,
  /** The MLP sublayer's output (its increment to the residual stream): [batch, seq, d_model]. */
  mlpOut: (layer: number) => `blocks.${layer}.hook_mlp_out`,
  /** The residual stream after block L (attention and MLP added): [batch, seq, d_model]. */
  residPost: (layer: number) => `blocks.${layer}.hook_resid_post`,
  /** Prefix of the logit-lens outputs read from the residual stream after block L (scoring outputs). */
  lens: (layer: number) => `lens.${layer}.`,
};

/** Input of the mechanism graph: a scale per head [layers, heads] (1 = unchanged, 0 = ablated). */
export const headMaskInput = "head_mask";
