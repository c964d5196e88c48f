/**
 * A few SVG helpers for the pictures Pathwise draws (a learner's path, cohort
 * charts): escaped text, shapes and a document. Pure: strings in, a string
 * out. Text is set in DejaVu Sans, the font the rasteriser is given
 * (rasterise.ts), with a rough width estimate for fitting labels.
 */

export const FONT = 'DejaVu Sans';

/** Escapes text for an SVG text node or attribute. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Roughly how wide `s` is at `size` px in DejaVu Sans (0.6 em per character, its average). */
export function textWidth(s: string, size: number): number {
  return s.length * size * 0.6;
}

/** `s` shortened with an ellipsis to fit `width` px at `size` px. */
export function fit(s: string, width: number, size: number): string {
  const max = Math.max(1, Math.floor(width / (size * 0.6)));
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`;
}

const n = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, w))}" height="${n(Math.max(0, h))}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="${width}"/>`;
}

export interface TextOptions {
  size?: number;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
  weight?: 'normal' | 'bold';
}

export function text(x: number, y: number, s: string, o: TextOptions = {}): string {
  return (
    `<text x="${n(x)}" y="${n(y)}" font-family="${FONT}" font-size="${o.size ?? 12}" fill="${o.fill ?? '#212121'}"` +
    `${o.anchor && o.anchor !== 'start' ? ` text-anchor="${o.anchor}"` : ''}${o.weight === 'bold' ? ' font-weight="bold"' : ''}>${esc(s)}</text>`
  );
}

/** A whole SVG document on a white background. */
export function svgDocument(width: number, height: number, body: string[], defs = ''): string {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    (defs ? `<defs>${defs}</defs>` : '') +
    rect(0, 0, w, h, '#ffffff') +
    body.join('') +
    '</svg>'
  );
}
