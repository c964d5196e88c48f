/**
 * Every state the search has generated, stored flat: one pool of bitsets
 * (`words` 32-bit words per state), an open-addressing hash table over them
 * (so duplicates are found without building string keys), and per-state
 * g, h, h₀ sum, parent, the action that led there and a closed flag.
 * Flat typed arrays keep the garbage collector out of the search loop.
 */
import type { Bits } from './knowledge-state.ts';

export class StateStore {
  readonly words: number;
  size = 0;
  g = new Float64Array(0);
  h = new Float64Array(0);
  sum = new Float64Array(0);
  parent = new Int32Array(0);
  via = new Int32Array(0);
  closed = new Uint8Array(0);
  private pool = new Uint32Array(0);
  private table: Int32Array;

  constructor(words: number, capacity = 1024) {
    this.words = words;
    this.grow(capacity);
    this.table = new Int32Array(capacity * 2).fill(-1);
  }

  /** The state's index, or -1 when it has not been seen. */
  find(bits: Bits): number {
    const mask = this.table.length - 1;
    for (let slot = hashBits(bits) & mask; ; slot = (slot + 1) & mask) {
      const node = this.table[slot]!;
      if (node < 0 || this.equals(node, bits)) return node;
    }
  }

  /** Stores a copy of a state not seen before and returns its index. */
  add(bits: Bits, g: number, h: number, sum: number, parent: number, via: number): number {
    if (this.size === this.g.length) this.grow(this.size * 2);
    if (this.size * 2 >= this.table.length) this.rehash(this.table.length * 2);
    const node = this.size++;
    this.pool.set(bits, node * this.words);
    this.g[node] = g;
    this.h[node] = h;
    this.sum[node] = sum;
    this.parent[node] = parent;
    this.via[node] = via;
    this.closed[node] = 0;
    this.insert(node, bits);
    return node;
  }

  /** Copies the state's bits into `target`. */
  copyTo(node: number, target: Bits): void {
    const off = node * this.words;
    for (let i = 0; i < this.words; i++) target[i] = this.pool[off + i]!;
  }

  private equals(node: number, bits: Bits): boolean {
    const off = node * this.words;
    for (let i = 0; i < this.words; i++) if (this.pool[off + i] !== bits[i]) return false;
    return true;
  }

  private insert(node: number, bits: Bits): void {
    const mask = this.table.length - 1;
    let slot = hashBits(bits) & mask;
    while (this.table[slot]! >= 0) slot = (slot + 1) & mask;
    this.table[slot] = node;
  }

  private rehash(length: number): void {
    this.table = new Int32Array(length).fill(-1);
    const bits = new Uint32Array(this.words);
    for (let node = 0; node < this.size; node++) {
      this.copyTo(node, bits);
      this.insert(node, bits);
    }
  }

  private grow(capacity: number): void {
    const pool = new Uint32Array(capacity * this.words);
    pool.set(this.pool);
    this.pool = pool;
    const widen = <T extends Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.g = widen(this.g, (n) => new Float64Array(n));
    this.h = widen(this.h, (n) => new Float64Array(n));
    this.sum = widen(this.sum, (n) => new Float64Array(n));
    this.parent = widen(this.parent, (n) => new Int32Array(n));
    this.via = widen(this.via, (n) => new Int32Array(n));
    this.closed = widen(this.closed, (n) => new Uint8Array(n));
  }
}

/** 32-bit hash of a bitset (multiply-xorshift per word, then a final avalanche). */
export function hashBits(bits: Bits): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bits.length; i++) {
    h = Math.imul(h ^ bits[i]!, 0x9e3779b1);
    h ^= h >>> 16;
  }
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
