/**
 * Dot products of a few phrase words against every word of the goal texts:
 * the inner loop of goal-semantic.ts, and most of a goal reply's time
 * (about 4,000 text words × 100 dimensions × each phrase word).
 *
 * A WebAssembly function with 128-bit SIMD (four floats per instruction)
 * does it about six times faster than the same loop in JavaScript; its
 * bytes are assembled below from the instructions they encode, so nothing
 * is downloaded or compiled at install time. Where WebAssembly SIMD is not
 * available, the same sums run in JavaScript ({@link jsDots}). Both give the
 * same products to float32 rounding (test/goal/dot-kernel.test.ts).
 * Pure: no I/O, deterministic.
 */

/** At most this many phrase words per call into the module; longer phrases go in chunks. */
const CHUNK = 32;

export interface DotKernel {
  /**
   * Writes dot(q_i, t_u) for every phrase word i (rows of `queries`, `count`
   * of them) and text word u into `out[u * count + i]`.
   */
  dots(queries: Float32Array, count: number, out: Float32Array): void;
  /** "wasm-simd" or "js": which implementation runs (reported by the goal benchmark). */
  readonly kind: 'wasm-simd' | 'js';
}

/** Unsigned LEB128, as WebAssembly encodes sizes and indices. */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Signed LEB128, for i32.const. */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/**
 * The module: one exported memory and
 *
 *   dots(q, k, t, n, dims, out): for each of n text rows at t (dims f32 each),
 *     for each of k query rows at q: store the dot product at out, out += 4
 *
 * with the dimensions taken four at a time (dims must be a multiple of 4).
 */
export function dotModuleBytes(): Uint8Array {
  const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
  const name = (s: string) => [s.length, ...[...s].map((c) => c.charCodeAt(0))];
  // Instructions used (WebAssembly core spec, binary format):
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const i32Const = (n: number) => [0x41, ...sleb(n)];
  const I32_ADD = 0x6a, I32_EQZ = 0x45, I32_SHL = 0x74, F32_ADD = 0x92;
  const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], END = 0x0b;
  const brIf = (depth: number) => [0x0d, depth];
  const br = (depth: number) => [0x0c, depth];
  const F32_STORE = [0x38, 0x02, 0x00];
  const V128_LOAD = [0xfd, 0x00, 0x00, 0x00];
  const V128_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
  const F32X4_MUL = [0xfd, 0xe6, 0x01];
  const F32X4_ADD = [0xfd, 0xe4, 0x01];
  const lane = (i: number) => [0xfd, 0x1f, i];
  const bump = (local: number, by: number) => [...get(local), ...i32Const(by), I32_ADD, ...set(local)];
  // Parameters 0–5, then locals 6–10 (i32) and 11 (v128).
  const [Q, K, T, N, DIMS, OUT, QP, I, D, TP, O, ACC] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
  const body = [
    0x02, 0x05, 0x7f, 0x01, 0x7b,
    ...get(OUT), ...set(O),
    ...BLOCK, ...LOOP, // over text rows
    ...get(N), I32_EQZ, ...brIf(1),
    ...get(Q), ...set(QP), ...get(K), ...set(I),
    ...BLOCK, ...LOOP, // over query rows
    ...get(I), I32_EQZ, ...brIf(1),
    ...V128_ZERO, ...set(ACC), ...get(DIMS), ...set(D), ...get(T), ...set(TP),
    ...BLOCK, ...LOOP, // over dimensions, four at a time
    ...get(D), I32_EQZ, ...brIf(1),
    ...get(ACC), ...get(QP), ...V128_LOAD, ...get(TP), ...V128_LOAD, ...F32X4_MUL, ...F32X4_ADD, ...set(ACC),
    ...bump(QP, 16), ...bump(TP, 16), ...bump(D, -4),
    ...br(0), END, END,
    ...get(O), ...get(ACC), ...lane(0), ...get(ACC), ...lane(1), F32_ADD, ...get(ACC), ...lane(2), F32_ADD, ...get(ACC), ...lane(3), F32_ADD, ...F32_STORE,
    ...bump(O, 4), ...bump(I, -1),
    ...br(0), END, END,
    ...get(T), ...get(DIMS), ...i32Const(2), I32_SHL, I32_ADD, ...set(T), ...bump(N, -1),
    ...br(0), END, END,
    END,
  ];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 6, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, 1]),
    ...section(7, [2, ...name('mem'), 0x02, 0, ...name('dots'), 0x00, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

/** The plain JavaScript sums, for runtimes without WebAssembly SIMD (and as the test's reference). */
export function jsDots(texts: Float32Array, rows: number, dims: number): DotKernel {
  return {
    kind: 'js',
    dots(queries, count, out) {
      for (let u = 0, o = 0; u < rows; u++, o += dims) {
        for (let i = 0, qo = 0; i < count; i++, qo += dims) {
          let d0 = 0, d1 = 0, d2 = 0, d3 = 0, d = 0;
          for (; d + 3 < dims; d += 4) {
            d0 += queries[qo + d]! * texts[o + d]!;
            d1 += queries[qo + d + 1]! * texts[o + d + 1]!;
            d2 += queries[qo + d + 2]! * texts[o + d + 2]!;
            d3 += queries[qo + d + 3]! * texts[o + d + 3]!;
          }
          for (; d < dims; d++) d0 += queries[qo + d]! * texts[o + d]!;
          out[u * count + i] = d0 + d1 + d2 + d3;
        }
      }
    },
  };
}

/** The part of the runtime's WebAssembly API used here (the project's type libraries do not declare it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

interface DotExports {
  mem: { buffer: ArrayBuffer; grow(pages: number): number };
  dots: (q: number, k: number, t: number, n: number, dims: number, out: number) => void;
}

/**
 * A kernel over `texts` (`rows` vectors of `dims` floats, copied in once):
 * WebAssembly SIMD when the runtime has it and dims is a multiple of 4,
 * JavaScript otherwise.
 */
export function dotKernel(texts: Float32Array, rows: number, dims: number): DotKernel {
  const bytes = dotModuleBytes();
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (dims % 4 !== 0 || !wasm || !wasm.validate(bytes)) return jsDots(texts, rows, dims);
  const { mem, dots } = new wasm.Instance(new wasm.Module(bytes)).exports as DotExports;
  const textBytes = rows * dims * 4;
  const queryBytes = CHUNK * dims * 4;
  const need = textBytes + queryBytes + rows * CHUNK * 4;
  mem.grow(Math.max(0, Math.ceil(need / 65536) - mem.buffer.byteLength / 65536));
  new Float32Array(mem.buffer, 0, rows * dims).set(texts.subarray(0, rows * dims));
  const queryView = new Float32Array(mem.buffer, textBytes, CHUNK * dims);
  const outView = new Float32Array(mem.buffer, textBytes + queryBytes, rows * CHUNK);
  return {
    kind: 'wasm-simd',
    dots(queries, count, out) {
      for (let from = 0; from < count; from += CHUNK) {
        const k = Math.min(CHUNK, count - from);
        queryView.set(queries.subarray(from * dims, (from + k) * dims));
        dots(textBytes, k, 0, rows, dims, textBytes + queryBytes);
        if (k === count) {
          out.set(outView.subarray(0, rows * count));
          return;
        }
        for (let u = 0; u < rows; u++) for (let i = 0; i < k; i++) out[u * count + from + i] = outView[u * k + i]!;
      }
    },
  };
}
