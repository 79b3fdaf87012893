// PNG of a static SVG at twice its size (vega's SVG is at 72 dpi, so 144 dpi doubles it), via sharp
// (librsvg), using the fonts installed on the build machine.
import sharp from "sharp";

export async function renderPng(svg: string, scale = 2): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density: 72 * scale }).png().toBuffer();
}
