// A scatter of two per-token log-probability columns on a 2D canvas: tens of thousands of points drawn as
// translucent squares (overlap shows density), axes with ticks, the diagonal y = x, and marked outliers.
import { niceTicks } from "./axisTicks.ts";

export interface ScatterMarks {
  /** Token positions to ring. */
  tokens: readonly number[];
  colour: string;
}

export interface ScatterInput {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  xLabel: string;
  yLabel: string;
  marks: readonly ScatterMarks[];
}

/** The shared axis range of both columns: from a whole number at or below the smallest value to 0. */
export function logprobDomain(x: ArrayLike<number>, y: ArrayLike<number>): [number, number] {
  let lo = 0;
  for (const c of [x, y]) for (let i = 0; i < c.length; i++) if (Number.isFinite(c[i]) && c[i] < lo) lo = c[i];
  return [Math.min(-1, Math.floor(lo)), 0];
}

const margin = { left: 52, right: 12, top: 12, bottom: 44 };

/** Draws the scatter at the canvas's CSS size (sharp on high-DPI screens). */
export function drawScatter(canvas: HTMLCanvasElement, input: ScatterInput): void {
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 560;
  const height = canvas.clientHeight || 560;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("this browser gives no 2D canvas");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);

  const [lo, hi] = logprobDomain(input.x, input.y);
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const sx = (v: number) => margin.left + ((v - lo) / (hi - lo)) * plotW;
  const sy = (v: number) => margin.top + (1 - (v - lo) / (hi - lo)) * plotH;

  // Grid and tick labels.
  ctx.font = "11px system-ui, sans-serif";
  ctx.fillStyle = "#5b6470";
  ctx.strokeStyle = "#e4e8ec";
  ctx.lineWidth = 1;
  for (const v of niceTicks(lo, hi)) {
    ctx.beginPath();
    ctx.moveTo(sx(v), margin.top);
    ctx.lineTo(sx(v), margin.top + plotH);
    ctx.moveTo(margin.left, sy(v));
    ctx.lineTo(margin.left + plotW, sy(v));
    ctx.stroke();
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.fillText(String(v), sx(v), margin.top + plotH + 4);
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    ctx.fillText(String(v), margin.left - 5, sy(v));
  }
  ctx.strokeStyle = "#5b6470";
  ctx.strokeRect(margin.left, margin.top, plotW, plotH);
  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  ctx.fillText(input.xLabel, margin.left + plotW / 2, height - 4);
  ctx.save();
  ctx.translate(12, margin.top + plotH / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = "middle";
  ctx.fillText(input.yLabel, 0, 0);
  ctx.restore();

  // Points: one translucent square each; where many overlap the colour deepens.
  ctx.save();
  ctx.beginPath();
  ctx.rect(margin.left, margin.top, plotW, plotH);
  ctx.clip();
  ctx.fillStyle = "rgba(43, 108, 176, 0.14)";
  const kx = plotW / (hi - lo);
  const ky = plotH / (hi - lo);
  const n = input.x.length;
  for (let i = 0; i < n; i++) {
    const px = margin.left + (input.x[i] - lo) * kx;
    const py = margin.top + plotH - (input.y[i] - lo) * ky;
    if (px === px && py === py) ctx.fillRect(px - 1, py - 1, 2, 2);
  }

  ctx.setLineDash([4, 4]);
  ctx.strokeStyle = "#1d232a";
  ctx.beginPath();
  ctx.moveTo(sx(lo), sy(lo));
  ctx.lineTo(sx(hi), sy(hi));
  ctx.stroke();
  ctx.setLineDash([]);

  ctx.lineWidth = 1.5;
  for (const mark of input.marks) {
    ctx.strokeStyle = mark.colour;
    for (const t of mark.tokens) {
      ctx.beginPath();
      ctx.arc(sx(input.x[t]), sy(input.y[t]), 4, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }
  ctx.restore();
}
