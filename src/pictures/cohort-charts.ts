/**
 * The cohort summary's charts as one labelled SVG: members per progress band
 * and members active per day side by side, the hardest concepts below (share
 * of answers wrong, as horizontal bars named by concept). Every bar carries
 * its number; axes and titles say what is counted. Pure.
 */
import { fit, line, rect, svgDocument, text } from './svg.ts';

export interface LabelledValue {
  label: string;
  value: number;
}

export interface CohortChartsInput {
  /** Above everything, e.g. "#team — week to 5 March". */
  title: string;
  /** Members per progress band, low to high. */
  progress: LabelledValue[];
  /** Members active per day, oldest first. */
  activity: LabelledValue[];
  /** Hardest concepts first, `value` the share of answers wrong (0…1). */
  hardest: LabelledValue[];
}

export const COLOURS = { progress: '#2e7d32', activity: '#1565c0', hardest: '#c62828', axis: '#757575', grid: '#eeeeee' } as const;

export const WIDTH = 760;
const PANEL_H = 250;
const TITLE_H = 36;
const HARD_ROW = 26;

/** Column chart in the box (x, y, w, h): a title, bars with their counts above, labels below. */
function columns(x: number, y: number, w: number, h: number, title: string, axisLabel: string, data: LabelledValue[], colour: string): string[] {
  const out: string[] = [text(x, y + 16, title, { size: 14, weight: 'bold' })];
  const top = y + 40;
  const bottom = y + h - 40;
  const left = x + 34;
  const plotW = w - 44;
  const max = Math.max(1, ...data.map((d) => d.value));
  // Gridlines at whole numbers: about four.
  const step = Math.max(1, Math.ceil(max / 4));
  for (let v = 0; v <= max; v += step) {
    const gy = bottom - (v / max) * (bottom - top);
    out.push(line(left, gy, left + plotW, gy, COLOURS.grid), text(left - 6, gy + 4, String(v), { size: 10, fill: COLOURS.axis, anchor: 'end' }));
  }
  const slot = plotW / Math.max(1, data.length);
  data.forEach((d, i) => {
    const bh = (Math.max(0, d.value) / max) * (bottom - top);
    const bx = left + i * slot + slot * 0.15;
    out.push(rect(bx, bottom - bh, slot * 0.7, bh, colour));
    out.push(text(bx + slot * 0.35, bottom - bh - 5, String(d.value), { size: 11, anchor: 'middle' }));
    out.push(text(bx + slot * 0.35, bottom + 15, fit(d.label, slot, 10), { size: 10, anchor: 'middle', fill: '#424242' }));
  });
  out.push(line(left, bottom, left + plotW, bottom, COLOURS.axis));
  out.push(text(x + w / 2, y + h - 8, axisLabel, { size: 11, anchor: 'middle', fill: COLOURS.axis }));
  return out;
}

/** Horizontal bars of the hardest concepts, named on the left, the share wrong on the bar's end. */
function hardestBars(x: number, y: number, w: number, data: LabelledValue[]): string[] {
  const out: string[] = [text(x, y + 16, 'Hardest concepts: share of answers wrong this week', { size: 14, weight: 'bold' })];
  const labelW = 230;
  const barW = w - labelW - 60;
  data.forEach((d, i) => {
    const cy = y + 32 + i * HARD_ROW;
    const v = Math.max(0, Math.min(1, d.value));
    out.push(text(x + labelW - 8, cy + 15, fit(d.label, labelW - 10, 12), { size: 12, anchor: 'end' }));
    out.push(rect(x + labelW, cy + 3, barW, HARD_ROW - 8, COLOURS.grid));
    out.push(rect(x + labelW, cy + 3, v * barW, HARD_ROW - 8, COLOURS.hardest));
    out.push(text(x + labelW + v * barW + 6, cy + 15, `${Math.round(v * 100)}%`, { size: 11 }));
  });
  return out;
}

/** The whole picture: title, the two column charts, the hardest concepts when there are any. */
export function cohortChartsSvg(input: CohortChartsInput): { svg: string; width: number; height: number } {
  const half = (WIDTH - 60) / 2;
  const hardH = input.hardest.length > 0 ? 44 + input.hardest.length * HARD_ROW : 0;
  const height = TITLE_H + PANEL_H + hardH + 16;
  const body = [
    text(20, 24, fit(input.title, WIDTH - 40, 16), { size: 16, weight: 'bold' }),
    ...columns(20, TITLE_H, half, PANEL_H, 'Progress through plans', 'share of plan done (members per band)', input.progress, COLOURS.progress),
    ...columns(40 + half, TITLE_H, half, PANEL_H, 'Active members per day', 'day (members who answered a question)', input.activity, COLOURS.activity),
    ...(hardH > 0 ? hardestBars(20, TITLE_H + PANEL_H, WIDTH - 40, input.hardest) : []),
  ];
  return { svg: svgDocument(WIDTH, height, body), width: WIDTH, height };
}
