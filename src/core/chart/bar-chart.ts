/**
 * Two bar charts side by side in one PNG, for the cohort summary: the
 * progress distribution (members per progress band) and weekly activity
 * (members active per day). No text is drawn (no fonts); the caller sends
 * an `alt` text with the numbers, which is also what screen readers read.
 */
import { encodePng, Raster } from './png.ts';

export interface BarSeries {
  values: readonly number[];
  colour: [number, number, number];
}

const W = 480;
const H = 200;
const PAD = 16;
const AXIS: [number, number, number] = [120, 120, 120];

function drawBars(r: Raster, x0: number, width: number, s: BarSeries): void {
  const max = Math.max(1, ...s.values);
  const n = Math.max(1, s.values.length);
  const slot = width / n;
  const plotH = H - 2 * PAD;
  s.values.forEach((v, i) => {
    const h = Math.round((Math.max(0, v) / max) * plotH);
    r.fillRect(x0 + i * slot + slot * 0.15, H - PAD - h, slot * 0.7, h, s.colour);
  });
  r.fillRect(x0, H - PAD, width, 1, AXIS);
}

/** Renders `left` and `right` as bar charts in a 480×200 PNG. */
export function twoBarCharts(left: BarSeries, right: BarSeries): Uint8Array {
  const r = new Raster(W, H);
  const half = (W - 3 * PAD) / 2;
  drawBars(r, PAD, half, left);
  drawBars(r, 2 * PAD + half, half, right);
  return encodePng(r);
}
