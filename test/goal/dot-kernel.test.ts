import { describe, expect, it } from 'vitest';
import { dotKernel, jsDots } from '../../src/core/goal/dot-kernel.ts';
import { seededRng } from '../../src/core/random.ts';

/** Random unit-ish vectors, seeded, so a failure reproduces. */
function vectors(rows: number, dims: number, seed: number): Float32Array {
  const rand = seededRng(seed);
  return Float32Array.from({ length: rows * dims }, () => rand() * 2 - 1);
}

function reference(texts: Float32Array, rows: number, queries: Float32Array, count: number, dims: number): Float64Array {
  const out = new Float64Array(rows * count);
  for (let u = 0; u < rows; u++)
    for (let i = 0; i < count; i++) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += texts[u * dims + d]! * queries[i * dims + d]!;
      out[u * count + i] = s;
    }
  return out;
}

describe('the dot-product kernel behind goal matching by meaning', () => {
  it('runs as WebAssembly SIMD on Node 20 and gives the same products as plain sums', () => {
    const rows = 517;
    const dims = 100;
    const texts = vectors(rows, dims, 1);
    const kernel = dotKernel(texts, rows, dims);
    expect(kernel.kind).toBe('wasm-simd');
    for (const count of [1, 7, 32, 45]) {
      const queries = vectors(count, dims, 10 + count);
      const out = new Float32Array(rows * count);
      kernel.dots(queries, count, out);
      const want = reference(texts, rows, queries, count, dims);
      let worst = 0;
      for (let k = 0; k < want.length; k++) worst = Math.max(worst, Math.abs(out[k]! - want[k]!));
      expect(worst).toBeLessThan(1e-4);
    }
  });

  it('falls back to JavaScript when the dimensions do not come in fours, with the same products', () => {
    const rows = 50;
    const dims = 10;
    const texts = vectors(rows, dims, 3);
    const kernel = dotKernel(texts, rows, dims);
    expect(kernel.kind).toBe('js');
    const queries = vectors(3, dims, 4);
    const out = new Float32Array(rows * 3);
    kernel.dots(queries, 3, out);
    const want = reference(texts, rows, queries, 3, dims);
    for (let k = 0; k < want.length; k++) expect(out[k]).toBeCloseTo(want[k]!, 4);
    const js = new Float32Array(rows * 3);
    jsDots(texts, rows, dims).dots(queries, 3, js);
    expect([...js]).toEqual([...out]);
  });
});
