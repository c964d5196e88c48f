/**
 * SVG to PNG with resvg (@resvg/resvg-js: Rust's resvg with a prebuilt
 * binary that npm installs for the platform, so nothing is downloaded at
 * install or run time). Loaded on first use, so commands that draw nothing
 * never pay for it.
 *
 * Text: resvg finds fonts on the system; the pictures ask for DejaVu Sans
 * (Debian's `fonts-dejavu-core`, installed in the Docker image). Without any
 * font the shapes are drawn and the labels left out; the reply's `alt` text
 * carries the numbers either way.
 */
import type * as ResvgJs from '@resvg/resvg-js';
import { FONT } from './svg.ts';

export interface Raster {
  png: Uint8Array;
  width: number;
  height: number;
}

let resvg: Promise<typeof ResvgJs> | null = null;

/** Renders `svg` at its own size (times `scale`) to a PNG. */
export async function rasterise(svg: string, scale = 1): Promise<Raster> {
  resvg ??= import('@resvg/resvg-js');
  const { Resvg } = await resvg;
  const r = new Resvg(svg, {
    background: '#ffffff',
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: FONT, sansSerifFamily: FONT },
  });
  const image = r.render();
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}
