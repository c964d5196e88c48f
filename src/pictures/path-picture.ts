/**
 * A learner's path as a picture: the goal's phases as bands from top to
 * bottom, each concept in its phase's band, ordered inside it by dagre
 * (prerequisites above what builds on them, ranks ordered to keep arrows
 * from crossing), coloured by the learner's mastery, the concept to work on
 * now outlined and marked; arrows go from a prerequisite to what needs it.
 * Pure: the model in, an SVG string out.
 */
import dagre from '@dagrejs/dagre';
import { fit, line, rect, svgDocument, text, textWidth } from './svg.ts';

export interface PathConcept {
  id: string;
  title: string;
  /** The learner's mastery, 0…1, as the coach shows it. */
  mastery: number;
  /** Index into {@link PathPictureInput.phases}, or null outside every phase. */
  phase: number | null;
  /** The concept to work on now. */
  current: boolean;
  /** Taught by a step of the plan still to do. */
  planned: boolean;
}

export interface PathPictureInput {
  title: string;
  concepts: PathConcept[];
  /** Prerequisite → concept that needs it. */
  edges: { from: string; to: string }[];
  phases: string[];
  /** Mastery from which a concept counts as known. */
  threshold: number;
}

export const NODE_W = 190;
export const NODE_H = 48;
const TITLE_H = 44;
const LEGEND_H = 44;
const MARGIN = 24;

/** Fill per mastery bucket; the legend says which is which. */
export const MASTERY_COLOURS = { known: '#81c784', learning: '#ffd54f', new: '#e3e8ee' } as const;
export const CURRENT_STROKE = '#1a237e';
const PHASE_FILLS = ['#e3f2fd', '#f3e5f5', '#e0f2f1', '#fff3e0', '#fce4ec', '#ede7f6', '#f1f8e9', '#e8eaf6'];

export function masteryBucket(mastery: number, threshold: number): keyof typeof MASTERY_COLOURS {
  return mastery >= threshold ? 'known' : mastery >= 0.3 ? 'learning' : 'new';
}

/** Where everything goes, in the picture's coordinates. */
export interface PathLayout {
  width: number;
  height: number;
  /** Centre of each concept's box. */
  nodes: Map<string, { x: number; y: number }>;
  /** One band per phase in teaching order, full width; `phase` null for concepts outside every phase. */
  bands: { phase: number | null; x: number; y: number; width: number; height: number }[];
  edges: { from: string; to: string }[];
}

/** Boxes per row inside a band before it wraps, so a phase of many independent concepts stays readable. */
const MAX_PER_ROW = 5;
const COL_GAP = 26;
const ROW_GAP = 34;
const BAND_HEAD = 26;
const BAND_GAP = 14;

/**
 * The rows of one band: dagre ranks the band's concepts by the prerequisites
 * among them and orders each rank to keep arrows from crossing; a rank wider
 * than {@link MAX_PER_ROW} wraps onto further rows.
 */
function bandRows(ids: readonly string[], edges: readonly { from: string; to: string }[]): string[][] {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: COL_GAP, ranksep: ROW_GAP });
  g.setDefaultEdgeLabel(() => ({}));
  const inBand = new Set(ids);
  for (const id of ids) g.setNode(id, { width: NODE_W, height: NODE_H });
  for (const e of edges) if (inBand.has(e.from) && inBand.has(e.to)) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const byRank = new Map<number, { id: string; x: number }[]>();
  for (const id of ids) {
    const n = g.node(id) as { x: number; y: number };
    const key = Math.round(n.y);
    byRank.set(key, [...(byRank.get(key) ?? []), { id, x: n.x }]);
  }
  const rows: string[][] = [];
  for (const [, rank] of [...byRank.entries()].sort((a, b) => a[0] - b[0])) {
    const ordered = rank.sort((a, b) => a.x - b.x).map((n) => n.id);
    for (let i = 0; i < ordered.length; i += MAX_PER_ROW) rows.push(ordered.slice(i, i + MAX_PER_ROW));
  }
  return rows;
}

/**
 * The edges without those another path already implies (the transitive
 * reduction): "A before C" needs no arrow when A → B → C is drawn.
 */
export function withoutShortcuts(edges: readonly { from: string; to: string }[]): { from: string; to: string }[] {
  const unique = [...new Map(edges.map((e) => [`${e.from}\u0000${e.to}`, e])).values()];
  const next = new Map<string, string[]>();
  for (const e of unique) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const reachesAvoiding = (from: string, to: string): boolean => {
    const seen = new Set<string>([from]);
    const stack = (next.get(from) ?? []).filter((n) => n !== to);
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n === to) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(next.get(n) ?? []));
    }
    return false;
  };
  return unique.filter((e) => !reachesAvoiding(e.from, e.to));
}

/**
 * The goal's phases as bands from top to bottom in teaching order (a
 * prerequisite's phase is never later than what needs it, teaching-order.ts),
 * concepts outside every phase in a last band; inside each band, rows from
 * {@link bandRows}, centred.
 */
export function layoutPath(input: PathPictureInput): PathLayout {
  const ids = new Set(input.concepts.map((c) => c.id));
  const edges = withoutShortcuts(input.edges.filter((e) => ids.has(e.from) && ids.has(e.to) && e.from !== e.to));
  const groups = new Map<number | null, string[]>();
  for (const concept of input.concepts) {
    const phase = concept.phase !== null && input.phases[concept.phase] !== undefined ? concept.phase : null;
    groups.set(phase, [...(groups.get(phase) ?? []), concept.id]);
  }
  const order = [...groups.keys()].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
  const laid = order.map((phase) => ({ phase, rows: bandRows(groups.get(phase)!, edges) }));
  const widest = Math.max(1, ...laid.flatMap((b) => b.rows.map((r) => r.length)));
  const width = Math.max(560, 2 * MARGIN + 16 + widest * NODE_W + (widest - 1) * COL_GAP);
  const nodes = new Map<string, { x: number; y: number }>();
  const bands: PathLayout['bands'] = [];
  let y = TITLE_H;
  for (const b of laid) {
    const height = BAND_HEAD + b.rows.length * (NODE_H + ROW_GAP) - ROW_GAP + 16;
    bands.push({ phase: b.phase, x: MARGIN / 2, y, width: width - MARGIN, height });
    b.rows.forEach((row, r) => {
      const rowW = row.length * NODE_W + (row.length - 1) * COL_GAP;
      const x0 = (width - rowW) / 2;
      const cy = y + BAND_HEAD + r * (NODE_H + ROW_GAP) + NODE_H / 2;
      row.forEach((id, i) => nodes.set(id, { x: x0 + i * (NODE_W + COL_GAP) + NODE_W / 2, y: cy }));
    });
    y += height + BAND_GAP;
  }
  return { width, height: y + LEGEND_H, nodes, bands, edges };
}

/** The path as SVG, with the layout it was drawn from (tests look at pixels where nodes are). */
export function pathPictureSvg(input: PathPictureInput): { svg: string; layout: PathLayout } {
  const layout = layoutPath(input);
  const body: string[] = [text(MARGIN, 28, fit(input.title, layout.width - 2 * MARGIN, 17), { size: 17, weight: 'bold' })];
  const bandTitle = (phase: number | null) => (phase === null ? 'Also needed' : `${phase + 1}. ${input.phases[phase] ?? ''}`);
  const bandFill = (phase: number | null) => (phase === null ? '#f5f5f5' : PHASE_FILLS[phase % PHASE_FILLS.length]!);
  for (const b of layout.bands) body.push(rect(b.x, b.y, b.width, b.height, bandFill(b.phase), 'rx="10" stroke="#b0bec5" stroke-width="1"'));
  // From the bottom of a prerequisite to the top of what needs it.
  for (const e of layout.edges) {
    const a = layout.nodes.get(e.from)!;
    const b = layout.nodes.get(e.to)!;
    const sy = a.y + NODE_H / 2;
    const ty = b.y - NODE_H / 2 - 2;
    const dy = Math.max(24, Math.abs(ty - sy) / 2);
    body.push(`<path d="M${a.x.toFixed(1)},${sy.toFixed(1)} C${a.x.toFixed(1)},${(sy + dy).toFixed(1)} ${b.x.toFixed(1)},${(ty - dy).toFixed(1)} ${b.x.toFixed(1)},${ty.toFixed(1)}" fill="none" stroke="#90a4ae" stroke-width="1.5" marker-end="url(#arrow)"/>`);
  }
  // Band titles over the arrows, on their band's tint, so a crossing arrow never hides one.
  for (const b of layout.bands) {
    const title = fit(bandTitle(b.phase), b.width - 20, 12);
    body.push(rect(b.x + 6, b.y + 4, textWidth(title, 12) + 10, 18, bandFill(b.phase)), text(b.x + 10, b.y + 17, title, { size: 12, weight: 'bold', fill: '#37474f' }));
  }
  for (const c of input.concepts) {
    const p = layout.nodes.get(c.id)!;
    const x = p.x - NODE_W / 2;
    const y = p.y - NODE_H / 2;
    const fill = MASTERY_COLOURS[masteryBucket(c.mastery, input.threshold)];
    const stroke = c.current ? `stroke="${CURRENT_STROKE}" stroke-width="4"` : `stroke="#78909c" stroke-width="1"${c.planned ? '' : ' stroke-dasharray="4 3"'}`;
    body.push(rect(x, y, NODE_W, NODE_H, fill, `rx="8" ${stroke}`));
    body.push(text(p.x, y + 19, fit(c.title, NODE_W - 14, 12), { size: 12, anchor: 'middle', weight: c.current ? 'bold' : 'normal' }));
    body.push(text(p.x, y + 36, `${Math.round(c.mastery * 100)}% known`, { size: 10, anchor: 'middle', fill: '#455a64' }));
    if (c.current) body.push(text(x, y - 6, '▶ now', { size: 12, weight: 'bold', fill: CURRENT_STROKE }));
  }
  const ly = layout.height - LEGEND_H + 14;
  const legend: [string, string][] = [
    [MASTERY_COLOURS.known, 'known'],
    [MASTERY_COLOURS.learning, 'learning'],
    [MASTERY_COLOURS.new, 'new'],
  ];
  legend.forEach(([fill, label], i) => {
    body.push(rect(MARGIN + i * 110, ly, 16, 16, fill, 'stroke="#78909c" stroke-width="1"'), text(MARGIN + i * 110 + 22, ly + 13, label, { size: 12 }));
  });
  body.push(rect(MARGIN + 330, ly, 16, 16, '#ffffff', `stroke="${CURRENT_STROKE}" stroke-width="3"`), text(MARGIN + 352, ly + 13, 'now', { size: 12 }));
  body.push(rect(MARGIN + 410, ly, 16, 16, '#ffffff', 'stroke="#78909c" stroke-width="1" stroke-dasharray="4 3"'), text(MARGIN + 432, ly + 13, 'not in the plan', { size: 12 }));
  body.push(line(MARGIN, ly - 8, layout.width - MARGIN, ly - 8, '#eceff1'));
  const defs = '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#90a4ae"/></marker>';
  return { svg: svgDocument(layout.width, layout.height, body, defs), layout };
}
