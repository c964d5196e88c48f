/**
 * Each picture rendered for real (SVG drawn, laid out by dagre, rasterised by
 * resvg), then read back as a PNG: its size, and pixels where the drawing
 * says something — the background, a bar of each chart, a concept's colour
 * by mastery, the outline of the concept to work on now, a phase band.
 */
import { describe, expect, it } from 'vitest';
import { COLOURS, cohortChartsSvg, WIDTH } from '../../src/pictures/cohort-charts.ts';
import { CURRENT_STROKE, MASTERY_COLOURS, NODE_H, NODE_W, pathPictureSvg, withoutShortcuts, type PathPictureInput } from '../../src/pictures/path-picture.ts';
import { rasterise } from '../../src/pictures/rasterise.ts';
import { decodePng, isColour } from '../support/png.ts';

/** Finds a pixel of `hex` inside the box, scanning its middle row; null when none. */
function findColour(png: ReturnType<typeof decodePng>, hex: string, box: { x0: number; x1: number; y: number }): number | null {
  for (let x = Math.max(0, Math.floor(box.x0)); x < Math.min(png.width, box.x1); x++) if (isColour(png.pixel(x, Math.round(box.y)), hex)) return x;
  return null;
}

/** Whether any pixel of the picture is dark (text was drawn: the font was found). */
function hasDarkPixels(png: ReturnType<typeof decodePng>, region: { x0: number; y0: number; x1: number; y1: number }): boolean {
  for (let y = region.y0; y < region.y1; y++) for (let x = region.x0; x < region.x1; x++) if (png.pixel(x, y).slice(0, 3).every((v) => v < 90)) return true;
  return false;
}

describe('cohort charts', () => {
  const input = {
    title: 'The cohort in the week to 2026-03-05: 6 members',
    progress: [
      { label: '0-19%', value: 1 },
      { label: '20-39%', value: 4 },
      { label: '40-59%', value: 0 },
      { label: '60-79%', value: 1 },
      { label: '80-100%', value: 0 },
    ],
    activity: ['Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed', 'Thu'].map((label, i) => ({ label, value: [2, 0, 0, 5, 3, 4, 1][i]! })),
    hardest: [
      { label: 'SQL joins', value: 0.75 },
      { label: 'Window functions', value: 0.5 },
    ],
  };

  it('renders three labelled charts: the tallest bar of each series in its colour, hardest concepts as long as their share', async () => {
    const { svg, height } = cohortChartsSvg(input);
    const picture = await rasterise(svg);
    const png = decodePng(picture.png);
    expect([png.width, png.height]).toEqual([WIDTH, height]);
    expect([picture.width, picture.height]).toEqual([WIDTH, height]);
    expect(isColour(png.pixel(2, 2), '#ffffff')).toBe(true);

    // The columns' plot: from y=76 to y=246 (title 36 + 40, panel 250 − 40). Just above the axis, the bars.
    const baseline = 36 + 250 - 40 - 3;
    const half = (WIDTH - 60) / 2;
    const progressSlot = (half - 44) / 5;
    // The 20-39% band (4 members, the highest) is green at its middle, the empty 40-59% band is not.
    expect(isColour(png.pixel(Math.round(20 + 34 + 1.5 * progressSlot), baseline), COLOURS.progress)).toBe(true);
    expect(isColour(png.pixel(Math.round(20 + 34 + 2.5 * progressSlot), baseline), COLOURS.progress)).toBe(false);
    // Monday (5, the busiest day) reaches nearly the top of the plot; Saturday (0) has no bar.
    const daySlot = (half - 44) / 7;
    const mon = Math.round(40 + half + 34 + 3.5 * daySlot);
    expect(isColour(png.pixel(mon, 36 + 40 + 4), COLOURS.activity)).toBe(true);
    expect(isColour(png.pixel(Math.round(40 + half + 34 + 1.5 * daySlot), baseline), COLOURS.activity)).toBe(false);
    // Hardest: the first bar is red for 75% of its track, then the grey track.
    const rowY = 36 + 250 + 32 + 13;
    const track = WIDTH - 40 - 230 - 60;
    expect(isColour(png.pixel(Math.round(20 + 230 + 0.7 * track), rowY), COLOURS.hardest)).toBe(true);
    expect(isColour(png.pixel(Math.round(20 + 230 + 0.8 * track), rowY), COLOURS.grid)).toBe(true);
    // Labels were drawn (a font was found): dark text in the title row.
    expect(hasDarkPixels(png, { x0: 20, y0: 8, x1: 300, y1: 30 })).toBe(true);
  });

  it('leaves out the hardest-concepts panel when there are none', async () => {
    const { svg, height } = cohortChartsSvg({ ...input, hardest: [] });
    const png = decodePng((await rasterise(svg)).png);
    expect(png.height).toBe(height);
    expect(height).toBeLessThan(cohortChartsSvg(input).height);
  });
});

describe('the path picture', () => {
  const input: PathPictureInput = {
    title: 'Your path to Data Analyst',
    phases: ['Foundations', 'Querying'],
    threshold: 0.95,
    concepts: [
      { id: 'basics', title: 'Programming Basics', mastery: 0.97, phase: 0, current: false, planned: false },
      { id: 'sheets', title: 'Spreadsheets', mastery: 0.5, phase: 0, current: true, planned: true },
      { id: 'sql', title: 'SQL', mastery: 0.1, phase: 1, current: false, planned: true },
      { id: 'joins', title: 'SQL Joins', mastery: 0.05, phase: 1, current: false, planned: true },
    ],
    edges: [
      { from: 'basics', to: 'sql' },
      { from: 'sheets', to: 'sql' },
      { from: 'sql', to: 'joins' },
    ],
  };

  it('bands the phases top to bottom, prerequisites above what needs them, concepts coloured by mastery, the current one outlined', async () => {
    const { svg, layout } = pathPictureSvg(input);
    const png = decodePng((await rasterise(svg)).png);
    expect([png.width, png.height]).toEqual([Math.ceil(layout.width), Math.ceil(layout.height)]);
    const at = (id: string) => layout.nodes.get(id)!;
    expect(at('basics').y).toBeLessThan(at('sql').y);
    expect(at('sql').y).toBeLessThan(at('joins').y);

    // Inside each box, off the text lines: the mastery colour.
    const inside = (id: string) => png.pixel(Math.round(at(id).x - NODE_W / 2 + 8), Math.round(at(id).y));
    expect(isColour(inside('basics'), MASTERY_COLOURS.known)).toBe(true);
    expect(isColour(inside('sheets'), MASTERY_COLOURS.learning)).toBe(true);
    expect(isColour(inside('joins'), MASTERY_COLOURS.new)).toBe(true);
    // The current concept's border is the thick dark outline; another's is not.
    const border = (id: string) => png.pixel(Math.round(at(id).x), Math.round(at(id).y - NODE_H / 2));
    expect(isColour(border('sheets'), CURRENT_STROKE, 30)).toBe(true);
    expect(isColour(border('joins'), CURRENT_STROKE, 30)).toBe(false);
    // The phases are bands from top to bottom, each holding its concepts; the band's tint shows beside them.
    expect(layout.bands.map((b) => b.phase)).toEqual([0, 1]);
    const [first, second] = layout.bands;
    expect(first!.y + first!.height).toBeLessThan(second!.y);
    for (const id of ['sql', 'joins']) {
      expect(at(id).y).toBeGreaterThan(second!.y);
      expect(at(id).y).toBeLessThan(second!.y + second!.height);
    }
    expect(isColour(png.pixel(Math.round(second!.x + 8), Math.round(at('sql').y)), '#f3e5f5')).toBe(true);
    expect(isColour(png.pixel(Math.round(first!.x + 8), Math.round(at('basics').y)), '#e3f2fd')).toBe(true);
    expect(findColour(png, MASTERY_COLOURS.known, { x0: 0, x1: png.width, y: png.height - 44 + 14 + 8 })).not.toBeNull();
  });

  it('draws no arrow another path already implies', () => {
    const e = (from: string, to: string) => ({ from, to });
    expect(withoutShortcuts([e('a', 'b'), e('b', 'c'), e('a', 'c'), e('a', 'b'), e('d', 'c')])).toEqual([e('a', 'b'), e('b', 'c'), e('d', 'c')]);
  });
});
