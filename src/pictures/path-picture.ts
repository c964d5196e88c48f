/**
 * A learner's path as a picture: the goal's prerequisite graph laid out by
 * dagre (prerequisites above what builds on them), each concept coloured by
 * the learner's mastery, the concept to work on now outlined and marked,
 * and the goal's phases drawn as bands around their concepts (dagre's
 * compound nodes). Pure: the model in, an SVG string out.
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

export interface LaidOutNode {
  id: string;
  x: number;
  y: number;
}

/** Where dagre put everything, in the picture's coordinates. */
export interface PathLayout {
  width: number;
  height: number;
  nodes: Map<string, { x: number; y: number }>;
  bands: { phase: number; x: number; y: number; width: number; height: number }[];
  edges: { from: string; to: string; points: { x: number; y: number }[] }[];
}

export function layoutPath(input: PathPictureInput): PathLayout {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 56, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(input.concepts.map((c) => c.id));
  const usedPhases = new Set<number>();
  for (const c of input.concepts) {
    g.setNode(c.id, { width: NODE_W, height: NODE_H });
    if (c.phase !== null && input.phases[c.phase] !== undefined) {
      usedPhases.add(c.phase);
      if (!g.hasNode(`phase:${c.phase}`)) g.setNode(`phase:${c.phase}`, {});
      g.setParent(c.id, `phase:${c.phase}`);
    }
  }
  for (const e of input.edges) if (ids.has(e.from) && ids.has(e.to) && e.from !== e.to) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const graph = g.graph() as { width?: number; height?: number };
  const nodes = new Map<string, { x: number; y: number }>();
  for (const c of input.concepts) {
    const n = g.node(c.id) as { x: number; y: number };
    nodes.set(c.id, { x: n.x, y: n.y + TITLE_H });
  }
  const bands = [...usedPhases].sort((a, b) => a - b).map((phase) => {
    const n = g.node(`phase:${phase}`) as { x: number; y: number; width: number; height: number };
    return { phase, x: n.x - n.width / 2, y: n.y - n.height / 2 + TITLE_H, width: n.width, height: n.height };
  });
  const edges = g.edges().map((e) => ({
    from: e.v,
    to: e.w,
    points: ((g.edge(e) as { points?: { x: number; y: number }[] }).points ?? []).map((p) => ({ x: p.x, y: p.y + TITLE_H })),
  }));
  return { width: Math.max(graph.width ?? 0, 560), height: (graph.height ?? 0) + TITLE_H + LEGEND_H, nodes, bands, edges };
}

/** The path as SVG, with the layout it was drawn from (tests look at pixels where nodes are). */
export function pathPictureSvg(input: PathPictureInput): { svg: string; layout: PathLayout } {
  const layout = layoutPath(input);
  const body: string[] = [text(MARGIN, 28, fit(input.title, layout.width - 2 * MARGIN, 17), { size: 17, weight: 'bold' })];
  for (const b of layout.bands) {
    const fill = PHASE_FILLS[b.phase % PHASE_FILLS.length]!;
    body.push(rect(b.x - 8, b.y - 22, b.width + 16, b.height + 30, fill, 'rx="10" stroke="#b0bec5" stroke-width="1"'));
  }
  for (const e of layout.edges) {
    if (e.points.length < 2) continue;
    const d = e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    body.push(`<path d="${d}" fill="none" stroke="#90a4ae" stroke-width="1.5" marker-end="url(#arrow)"/>`);
  }
  // Phase titles over the arrows, on their band's tint, so a crossing arrow never hides one.
  for (const b of layout.bands) {
    const title = fit(`${b.phase + 1}. ${input.phases[b.phase] ?? ''}`, b.width, 12);
    body.push(rect(b.x - 2, b.y - 19, textWidth(title, 12) + 6, 17, PHASE_FILLS[b.phase % PHASE_FILLS.length]!));
    body.push(text(b.x, b.y - 6, title, { size: 12, weight: 'bold', fill: '#37474f' }));
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
