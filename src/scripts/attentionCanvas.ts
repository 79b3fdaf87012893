// The full t x t attention pattern of one head on a small canvas: row q (top to bottom) is the query
// position, column k its keys; shading as in attentionShading.ts, the final row (the prediction) outlined.
import { ATTENTION_RGB, attentionAlpha } from "./attentionShading.ts";

/** Largest side of the drawing in CSS pixels. */
const MAX_SIDE = 320;

export function drawPattern(canvas: HTMLCanvasElement, pattern: ArrayLike<number>, heads: number, t: number, head: number): void {
  const cell = Math.max(1, Math.floor(MAX_SIDE / t));
  const side = cell * t;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(side * ratio);
  canvas.height = Math.round(side * ratio);
  canvas.style.width = `${side}px`;
  canvas.style.height = `${side}px`;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, side, side);
  const base = head * t * t;
  for (let q = 0; q < t; q++) {
    for (let k = 0; k <= q; k++) {
      const a = attentionAlpha(pattern[base + q * t + k]);
      if (a === 0) continue;
      ctx.fillStyle = `rgba(${ATTENTION_RGB}, ${a.toFixed(3)})`;
      ctx.fillRect(k * cell, q * cell, cell, cell);
    }
  }
  ctx.strokeStyle = "#1d232a";
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, (t - 1) * cell + 0.5, side - 1, Math.max(1, cell - 1));
}
