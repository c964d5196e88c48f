/**
 * The shipped word vectors, read from disk the first time they are needed
 * and kept: start-up stays fast (the 3 MB file is not touched until a goal
 * phrase needs its meaning), and later phrases reuse them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWordVectors, type WordVectors } from '../core/goal/word-vectors.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

export const WORD_VECTORS_FILE = join(PACKAGE_ROOT, 'data/embeddings/glove-100d.bin');

/** A function that reads and decodes `file` on its first call and returns the same vectors after. */
export function lazyWordVectors(file: string = WORD_VECTORS_FILE): () => WordVectors {
  let vectors: WordVectors | undefined;
  return () => (vectors ??= decodeWordVectors(readFileSync(file)));
}
