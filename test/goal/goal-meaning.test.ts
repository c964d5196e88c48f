import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { GoalParser } from '../../src/core/goal/goal-parser.ts';
import { SemanticIndex } from '../../src/core/goal/goal-semantic.ts';
import { decodeWordVectors } from '../../src/core/goal/word-vectors.ts';
import { readPlainWords, semanticTexts } from '../../src/embeddings/goal-texts-file.ts';
import { lazyWordVectors, WORD_VECTORS_FILE } from '../../src/embeddings/word-vectors-file.ts';
import { lazySemanticIndex } from '../../src/embeddings/semantic-index.ts';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { loadRoadmaps } from '../../src/roadmaps/roadmap-files.ts';
import { fixtureGraph } from '../support/fixture-graph.ts';
import { fixtureCatalogue } from '../support/fixture-catalogue.ts';

const vectors = lazyWordVectors();

function parser() {
  const graph = fixtureGraph();
  let built = 0;
  const semantic = () => {
    built++;
    return SemanticIndex.build(graph, vectors(), semanticTexts(graph, fixtureCatalogue()));
  };
  let index: SemanticIndex | undefined;
  const p = new GoalParser(graph, { semantic: () => (index ??= semantic()) });
  return { p, builds: () => built };
}

describe('goals understood by meaning', () => {
  it('finds a skill described without its name', () => {
    const { p } = parser();
    expect(p.parse('package my service so it runs the same on every machine').match).toBe('docker');
  });

  it('finds a role from the work O*NET says it does', () => {
    const { p } = parser();
    const r = p.parse('I want a job producing periodic reports that summarize business data for executives');
    expect(r.candidates[0]?.id).toBe('data-analyst');
  });

  it('still says nothing fits for text outside the domain', () => {
    const { p } = parser();
    for (const text of ['how do I bake sourdough bread', 'I want to become a pastry chef', 'train my dog to sit', 'asdfgh qwerty']) {
      expect(p.parse(text).match, text).toBeNull();
    }
    expect(p.parse('how do I knit a scarf').candidates).toEqual([]);
  });

  it('reads the word vectors only when a phrase names nothing it knows', () => {
    const { p, builds } = parser();
    expect(p.parse('learn docker').match).toBe('docker');
    expect(builds()).toBe(0);
    p.parse('put my programs in portable boxes');
    p.parse('something else entirely');
    expect(builds()).toBe(1);
  });

  it('the shipped parser keeps names first and meaning second', () => {
    const graph = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph;
    const p = new GoalParser(graph, { semantic: lazySemanticIndex(graph) });
    expect(p.parse('learn kubernetes').match).toBe('kubernetes');
    expect(p.parse('group our customers into segments that behave alike').match).toBe('clustering');
  });

  it('every plain-words entry names a node of the shipped roadmaps', () => {
    const graph = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph;
    const unknown = Object.keys(readPlainWords()).filter((id) => !graph.goals.has(id) && !graph.concepts.has(id));
    expect(unknown).toEqual([]);
  });

  it('refuses a word-vector file that is not one, or is cut short', () => {
    const bytes = readFileSync(WORD_VECTORS_FILE);
    expect(() => decodeWordVectors(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated/);
    expect(() => decodeWordVectors(Buffer.from('hello world, not vectors'))).toThrow(/not a Pathwise word-vector file/);
    const v = decodeWordVectors(bytes);
    const row = v.indexOf('docker');
    expect(row).toBeGreaterThanOrEqual(0);
    let norm = 0;
    for (let d = 0; d < v.dims; d++) norm += v.matrix[row * v.dims + d]! ** 2;
    expect(norm).toBeCloseTo(1, 5);
  });
});

describe('thin evidence', () => {
  const graph = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph;
  const p = new GoalParser(graph, { semantic: lazySemanticIndex(graph) });

  it('one everyday word is not enough to go on, even when it is in many descriptions', () => {
    expect(p.parse('data').match).toBeNull();
  });

  it('one word of a longer phrase that a node happens to use is not a match ("blue" of blue-green deployment)', () => {
    expect(p.parse('why is the sky blue').match).toBeNull();
  });
});
