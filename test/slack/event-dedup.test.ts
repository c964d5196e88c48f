import { describe, expect, it } from 'vitest';
import { TtlEventDedup } from '../../src/adapters/slack/event-dedup.ts';
import { ManualClock } from '../../src/core/ports/clock.port.ts';

describe('TtlEventDedup', () => {
  it('claims an event id once and drops every copy within the time to live', async () => {
    const clock = new ManualClock('2026-01-05T09:00:00Z');
    const dedup = new TtlEventDedup({ clock, ttlMs: 60_000 });
    expect(await dedup.claim('Ev1')).toBe(true);
    expect(await dedup.claim('Ev1')).toBe(false);
    clock.advance(59_999);
    expect(await dedup.claim('Ev1')).toBe(false);
    expect(await dedup.claim('Ev2')).toBe(true);
  });

  it('forgets ids after the time to live, so memory stays bounded by time', async () => {
    const clock = new ManualClock(0);
    const dedup = new TtlEventDedup({ clock, ttlMs: 1_000 });
    for (let i = 0; i < 100; i++) await dedup.claim(`Ev${i}`);
    expect(dedup.size).toBe(100);
    clock.advance(1_000);
    expect(await dedup.claim('EvNew')).toBe(true);
    expect(dedup.size).toBe(1);
    expect(await dedup.claim('Ev0')).toBe(true);
  });

  it('keeps at most maxEntries, dropping the oldest first', async () => {
    const dedup = new TtlEventDedup({ clock: new ManualClock(0), maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) expect(await dedup.claim(id)).toBe(true);
    expect(dedup.size).toBe(3);
    expect(await dedup.claim('d')).toBe(false);
    expect(await dedup.claim('a')).toBe(true);
  });
});
