import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentError } from '../../src/core/errors.ts';
import type { SkillFit } from '../../src/core/kt/em.ts';
import { loadConceptParams } from '../../src/kt/concept-params.ts';
import { paramsFileContent, readParamsFile } from '../../src/kt/params-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathwise-kt-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fit = (skill: string, prior: number): SkillFit => ({
  skill,
  params: { prior, learn: 0.1, guess: 0.2, slip: 0.1, forget: 0 },
  logLikelihood: -10,
  iterations: 5,
  responses: 20,
  sequences: 4,
});
const paramsPath = join(dir, 'fitted.json');
writeFileSync(paramsPath, JSON.stringify(paramsFileContent([fit('51', 0.3), fit('Box and Whisker', 0.6)], { forgets: false, seed: 1, restarts: 5 })));

function mapping(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function issues(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof ContentError) return err.issues;
    throw err;
  }
  throw new Error('expected a ContentError');
}

describe('loadConceptParams', () => {
  it('gives each mapped concept its skill’s fitted parameters (YAML, numeric ids, shared skills)', () => {
    const path = mapping('map.yaml', ['params: fitted.json', 'concepts:', '  fractions-equivalent: 51', '  fractions-add: "51"', '  box-plots: Box and Whisker', ''].join('\n'));
    const params = loadConceptParams(path);
    expect(Object.keys(params).sort()).toEqual(['box-plots', 'fractions-add', 'fractions-equivalent']);
    expect(params['fractions-equivalent']).toEqual({ prior: 0.3, learn: 0.1, guess: 0.2, slip: 0.1, forget: 0 });
    expect(params['fractions-add']).toEqual(params['fractions-equivalent']);
    expect(params['box-plots']!.prior).toBe(0.6);
  });

  it('names the line of a skill missing from the params file and of an unknown concept', () => {
    const path = mapping('bad.yaml', ['params: fitted.json', 'concepts:', '  fractions-add: 51', '  algebra: 999', '  typo-concept: 51', ''].join('\n'));
    const found = issues(() => loadConceptParams(path, { knownConcepts: new Set(['fractions-add', 'algebra']) }));
    expect(found.map((i) => [i.line, i.code, i.path])).toEqual([
      [4, 'UNKNOWN_SKILL', 'concepts.algebra'],
      [5, 'UNKNOWN_CONCEPT', 'concepts.typo-concept'],
    ]);
  });

  it('validates the mapping’s shape with zod', () => {
    const path = mapping('shape.json', JSON.stringify({ concepts: { a: ['51'] } }));
    const found = issues(() => loadConceptParams(path));
    expect(found.map((i) => i.path).sort()).toEqual(['concepts.a', 'params']);
  });

  it('refuses a parameters file that is not one', () => {
    const badParams = join(dir, 'not-params.json');
    writeFileSync(badParams, JSON.stringify({ format: 'pathwise.bkt-params/1', forgets: false, seed: 1, restarts: 5, skills: { x: { prior: 2 } } }));
    const found = issues(() => readParamsFile(badParams));
    expect(found.some((i) => i.path === 'skills.x.prior')).toBe(true);
    expect(found.some((i) => i.path === 'skills.x.learn')).toBe(true);
  });
});
