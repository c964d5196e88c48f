/**
 * Today's share of a long resource: the next part, or run of parts, that fits
 * the learner's minutes per day, and a stopping point inside a part that is
 * longer than the day. Pure: the coach keeps the position with the plan step.
 *
 * A resource is a list of segments: its parts, or one segment of its own
 * minutes when it has none. From position (segment s, minute m):
 *   - if the rest of segment s fits the day, take it, then every following
 *     whole segment that still fits;
 *   - else take `minutesPerDay` minutes of s and stop there.
 * "Fits" allows the day a quarter more ({@link overrun}): finishing a
 * 33-minute article today beats a 3-minute sliver of it tomorrow. So a slice
 * never takes more than the day's minutes plus a quarter (it takes at least
 * one minute), and a resource of T minutes is done in at most ⌈T / day⌉ +
 * (number of parts) slices.
 */
import type { Resource } from '../graph/types.ts';

/** Where a learner is in a resource: segment index and minutes into it. */
export interface Position {
  part: number;
  minute: number;
}

export const START: Readonly<Position> = Object.freeze({ part: 0, minute: 0 });

export interface SlicePiece {
  /** Segment index, its title (the resource's when it has no parts), URL and minutes. */
  index: number;
  title: string;
  url: string;
  partMinutes: number;
  /** Minutes into the segment where today's share starts and stops. */
  from: number;
  to: number;
}

export interface DaySlice {
  pieces: SlicePiece[];
  minutes: number;
  from: Position;
  /** Position after the slice. */
  to: Position;
  /** True when the slice reaches the end of the resource. */
  finishes: boolean;
  /** Concepts taught by the segments this slice completes (for a short quiz on them). */
  completes: string[];
  /** Stable id of the slice, so "done" can be matched to the task the learner was shown. */
  key: string;
}

interface Segment {
  title: string;
  url: string;
  minutes: number;
  teaches: string[];
}

function segments(r: Resource): Segment[] {
  if (r.parts.length === 0) return [{ title: r.title, url: r.url, minutes: r.minutes, teaches: r.teaches }];
  return r.parts.map((p) => ({ title: p.title, url: p.url, minutes: p.minutes, teaches: p.teaches }));
}

/** A position clamped into the resource (content may have changed since it was stored). */
export function clampPosition(r: Resource, at: Position | undefined): Position {
  const segs = segments(r);
  if (!at || !Number.isInteger(at.part) || at.part < 0) return { ...START };
  if (at.part >= segs.length) return { part: segs.length, minute: 0 };
  return { part: at.part, minute: Math.max(0, Math.min(segs[at.part]!.minutes, Math.floor(at.minute))) };
}

/** Minutes a day may run over to finish a segment rather than leave a sliver of it: a quarter of the day. */
export function overrun(minutesPerDay: number): number {
  return Math.floor(Math.max(1, Math.floor(minutesPerDay)) / 4);
}

export function nextSlice(r: Resource, at: Position | undefined, minutesPerDay: number): DaySlice {
  const segs = segments(r);
  const day = Math.max(1, Math.floor(minutesPerDay));
  const extra = overrun(day);
  const from = clampPosition(r, at);
  const pieces: SlicePiece[] = [];
  const completes = new Set<string>();
  let left = day;
  let pos = { ...from };
  // Skip a fully-read segment at the position.
  while (pos.part < segs.length && pos.minute >= segs[pos.part]!.minutes) pos = { part: pos.part + 1, minute: 0 };
  while (pos.part < segs.length && left > 0) {
    const s = segs[pos.part]!;
    const rest = s.minutes - pos.minute;
    if (rest <= left + extra) {
      pieces.push({ index: pos.part, title: s.title, url: s.url, partMinutes: s.minutes, from: pos.minute, to: s.minutes });
      for (const c of s.teaches) completes.add(c);
      // Over the day to finish the segment leaves nothing for another.
      left = Math.max(0, left - rest);
      pos = { part: pos.part + 1, minute: 0 };
      continue;
    }
    // Only a whole segment may follow another; a long one starts on a day of its own.
    if (pieces.length > 0) break;
    pieces.push({ index: pos.part, title: s.title, url: s.url, partMinutes: s.minutes, from: pos.minute, to: pos.minute + left });
    pos = { part: pos.part, minute: pos.minute + left };
    left = 0;
  }
  const minutes = pieces.reduce((m, p) => m + (p.to - p.from), 0);
  return {
    pieces,
    minutes,
    from,
    to: pos,
    finishes: pos.part >= segs.length,
    completes: [...completes],
    key: `${r.id}@${from.part}:${from.minute}`,
  };
}

/** Minutes of the resource still ahead of a position. */
export function minutesLeft(r: Resource, at: Position | undefined): number {
  const segs = segments(r);
  const p = clampPosition(r, at);
  let m = 0;
  for (let i = p.part; i < segs.length; i++) m += segs[i]!.minutes - (i === p.part ? p.minute : 0);
  return m;
}

/**
 * Whether the resource still has something on `conceptId` ahead of a
 * position: a segment that teaches it and is not read to its end. False once
 * every part on the concept is behind, though later parts remain.
 */
export function teachesAhead(r: Resource, at: Position | undefined, conceptId: string): boolean {
  const segs = segments(r);
  const p = clampPosition(r, at);
  for (let i = p.part; i < segs.length; i++) if (segs[i]!.teaches.includes(conceptId) && (i > p.part || p.minute < segs[i]!.minutes)) return true;
  return false;
}
