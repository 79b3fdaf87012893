// Vega in Node: compile a vega-lite spec, run it headless and serialize the scene as SVG. Text is measured
// with a fixed width table (no canvas), and SVG def ids restart per render: same bytes every run.
// Any warning from vega-lite or vega fails, so a broken chart cannot ship as a quietly empty picture.
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { vegaTextWidth } from "./textWidth.ts";

// vega's hook for custom text measurement (vl-convert does the same); vega's typings leave it out.
(vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width = vegaTextWidth;

/** Collects warnings and errors instead of printing them. */
export function collectingLogger(messages: string[]): vega.LoggerInterface {
  let level = vega.Warn;
  const logger: vega.LoggerInterface = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error: (...args: readonly unknown[]) => (messages.push(`error: ${args.map(String).join(" ")}`), logger),
    warn: (...args: readonly unknown[]) => (level >= vega.Warn && messages.push(`warning: ${args.map(String).join(" ")}`), logger),
    info: () => logger,
    debug: () => logger,
  } as vega.LoggerInterface;
  return logger;
}

/** The vega spec, with any vega-lite warnings reported in `messages`. */
export function toVega(spec: TopLevelSpec, messages: string[]): vega.Spec {
  return compile(spec, { logger: collectingLogger(messages) }).spec;
}

/** A headless view of the spec, run once (its dataflow evaluated). */
export async function runView(spec: TopLevelSpec, messages: string[]): Promise<vega.View> {
  const logger = collectingLogger(messages);
  const runtime = vega.parse(toVega(spec, messages), undefined, {});
  const view = new vega.View(runtime, { renderer: "none", logger, logLevel: vega.Warn });
  await view.runAsync();
  return view;
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const messages: string[] = [];
  const view = await runView(spec, messages);
  try {
    if (messages.length) throw new Error(`chart spec has problems:\n${messages.join("\n")}`);
    // Clip-path and gradient ids count up across renders in one process; restart them per figure.
    vega.resetSVGDefIds();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
