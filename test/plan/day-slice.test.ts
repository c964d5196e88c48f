import { describe, expect, it } from 'vitest';
import { minutesLeft, nextSlice, overrun, teachesAhead } from '../../src/core/plan/day-slice.ts';
import { resource } from './fixtures.ts';

const book = resource('book', ['a', 'b'], 210, {
  parts: [
    { id: 'p1', title: 'Ch 1', url: 'https://example.org/book#1', minutes: 20, teaches: ['a'], depth: { a: 'core' } },
    { id: 'p2', title: 'Ch 2', url: 'https://example.org/book#2', minutes: 10, teaches: ['a'], depth: { a: 'core' } },
    { id: 'p3', title: 'Ch 3', url: 'https://example.org/book#3', minutes: 90, teaches: ['b'], depth: { b: 'core' } },
    { id: 'p4', title: 'Ch 4', url: 'https://example.org/book#4', minutes: 90, teaches: ['b'], depth: { b: 'core' } },
  ],
});

describe('nextSlice: a day-sized share of a resource', () => {
  it('takes whole parts while they fit the day', () => {
    const s = nextSlice(book, undefined, 30);
    expect(s.pieces.map((p) => p.title)).toEqual(['Ch 1', 'Ch 2']);
    expect(s).toMatchObject({ minutes: 30, to: { part: 2, minute: 0 }, finishes: false, completes: ['a'] });
  });

  it('gives a part longer than the day a stopping point, and picks up there the next day', () => {
    const day1 = nextSlice(book, { part: 2, minute: 0 }, 30);
    expect(day1.pieces).toEqual([expect.objectContaining({ title: 'Ch 3', from: 0, to: 30 })]);
    expect(day1.completes).toEqual([]);
    const day3 = nextSlice(book, nextSlice(book, day1.to, 30).to, 30);
    expect(day3.pieces).toEqual([expect.objectContaining({ title: 'Ch 3', from: 60, to: 90 })]);
    expect(day3.completes).toEqual(['b']);
  });

  it('finishes a segment a little longer than the day instead of leaving a sliver for tomorrow', () => {
    const article = resource('article', ['a'], 33);
    expect(nextSlice(article, undefined, 30)).toMatchObject({ minutes: 33, finishes: true, completes: ['a'] });
    // The last day of a long one takes its short tail too: 95 minutes at 30 a day is 30, 30, 35, not 30, 30, 30, 5.
    const course = resource('course', ['a'], 95);
    const days: number[] = [];
    let at: { part: number; minute: number } | undefined;
    for (let i = 0; i < 10; i++) {
      const s = nextSlice(course, at, 30);
      days.push(s.minutes);
      at = s.to;
      if (s.finishes) break;
    }
    expect(days).toEqual([30, 30, 35]);
    // More than a quarter over is still cut at the day.
    expect(nextSlice(resource('long', ['a'], 38), undefined, 30)).toMatchObject({ minutes: 30, finishes: false });
  });

  it('never gives more than the day plus a quarter, for any day from 15 to 90 minutes, and finishes the resource', () => {
    for (const day of [15, 20, 30, 45, 60, 90]) {
      let at = undefined as undefined | { part: number; minute: number };
      let total = 0;
      for (let i = 0; i < 100; i++) {
        const s = nextSlice(book, at, day);
        expect(s.minutes).toBeGreaterThan(0);
        expect(s.minutes).toBeLessThanOrEqual(day + overrun(day));
        total += s.minutes;
        at = s.to;
        if (s.finishes) break;
      }
      expect(total).toBe(210);
      expect(minutesLeft(book, at)).toBe(0);
    }
  });

  it('slices a long resource without parts by minutes', () => {
    const course = resource('course', ['a'], 360);
    const s = nextSlice(course, undefined, 20);
    expect(s.pieces).toEqual([expect.objectContaining({ title: 'course (title)', from: 0, to: 20, partMinutes: 360 })]);
    expect(minutesLeft(course, s.to)).toBe(340);
  });

  it('a short resource is one slice', () => {
    const s = nextSlice(resource('short', ['a'], 15), undefined, 30);
    expect(s).toMatchObject({ minutes: 15, finishes: true, completes: ['a'] });
  });

  it('says whether parts on a concept are still ahead: read ones are behind, a part begun is still ahead', () => {
    expect(teachesAhead(book, undefined, 'a')).toBe(true);
    expect(teachesAhead(book, { part: 1, minute: 5 }, 'a')).toBe(true);
    // Ch 1-2 read: nothing on "a" ahead though Ch 3-4 (on "b") remain.
    expect(teachesAhead(book, { part: 2, minute: 0 }, 'a')).toBe(false);
    expect(teachesAhead(book, { part: 2, minute: 0 }, 'b')).toBe(true);
    expect(teachesAhead(book, { part: 4, minute: 0 }, 'b')).toBe(false);
    const course = resource('course', ['a'], 360);
    expect(teachesAhead(course, { part: 0, minute: 340 }, 'a')).toBe(true);
    expect(teachesAhead(course, { part: 0, minute: 360 }, 'a')).toBe(false);
  });
});
