import { describe, expect, it } from 'vitest';
import { groupBySkill, type ResponseColumns } from '../../src/core/kt/sequences.ts';

function columns(rows: [number, number, number][], skillIds: string[]): ResponseColumns {
  return {
    length: rows.length,
    user: Int32Array.from(rows.map((r) => r[0])),
    skill: Int32Array.from(rows.map((r) => r[1])),
    correct: Uint8Array.from(rows.map((r) => r[2])),
    skillIds,
    userCount: Math.max(...rows.map((r) => r[0])) + 1,
  };
}

describe('groupBySkill', () => {
  it('makes one sequence per (learner, skill), in row order, even when not contiguous', () => {
    // learner 0: a✓ b✗ a✗ ; learner 1: b✓ a✓ ; learner 0 again: b✓
    const out = groupBySkill(
      columns(
        [
          [0, 0, 1],
          [0, 1, 0],
          [0, 0, 0],
          [1, 1, 1],
          [1, 0, 1],
          [0, 1, 1],
        ],
        ['a', 'b'],
      ),
    );
    expect(out.map((s) => s.skill)).toEqual(['a', 'b']);
    const [a, b] = out;
    // a: learner 0 [1, 0], learner 1 [1]
    expect([...a!.obs]).toEqual([1, 0, 1]);
    expect([...a!.starts]).toEqual([0, 2, 3]);
    // b: learner 0 [0, 1], learner 1 [1]
    expect([...b!.obs]).toEqual([0, 1, 1]);
    expect([...b!.starts]).toEqual([0, 2, 3]);
  });

  it('drops skills with no rows and gives each skill its own buffers', () => {
    const out = groupBySkill(columns([[0, 1, 1]], ['unused', 'used']));
    expect(out.map((s) => s.skill)).toEqual(['used']);
    expect(out[0]!.obs.byteLength).toBe(out[0]!.obs.buffer.byteLength);
  });
});
