import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bktParamsFor } from '../../src/app/build-app.ts';
import { ContentError } from '../../src/core/errors.ts';
import { defaultParamsForDifficulty } from '../../src/core/kt/bkt-params.ts';
import { update } from '../../src/core/kt/bkt.ts';
import { paramsFileContent } from '../../src/kt/params-file.ts';
import { fixtureGraph } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function mappingDir(mapping: string): string {
  const t = tempDir('pathwise-fitted-');
  cleanups.push(t.remove);
  const fitted = { skill: '51', params: { prior: 0.5, learn: 0.05, guess: 0.3, slip: 0.2, forget: 0 }, logLikelihood: -1, iterations: 3, responses: 10, sequences: 2 };
  writeFileSync(join(t.dir, 'fitted.json'), JSON.stringify(paramsFileContent([fitted], { forgets: false, seed: 1, restarts: 5 })));
  writeFileSync(join(t.dir, 'map.yaml'), mapping);
  return join(t.dir, 'map.yaml');
}

describe('fitted knowledge-tracing parameters in the coach (PATHWISE_KT_MAPPING)', () => {
  const graph = fixtureGraph();
  const [mapped, other] = [...graph.concepts.keys()];

  it('a mapped concept traces with its fitted parameters; the others keep the difficulty defaults', () => {
    const source = bktParamsFor({ ktMappingFile: mappingDir(`params: fitted.json\nconcepts:\n  ${mapped}: 51\n`) }, graph);
    expect(source.paramsFor(mapped!)).toEqual({ prior: 0.5, learn: 0.05, guess: 0.3, slip: 0.2, forget: 0 });
    expect(source.paramsFor(other!)).toEqual(defaultParamsForDifficulty(graph.concepts.get(other!)!.difficulty));
    // What the learner would see: one right answer moves mastery differently under fitted parameters.
    const fittedAfter = update(0.5, true, source.paramsFor(mapped!));
    const defaultAfter = update(0.5, true, defaultParamsForDifficulty(graph.concepts.get(mapped!)!.difficulty));
    expect(fittedAfter).not.toBeCloseTo(defaultAfter, 3);
  });

  it('without a mapping every concept uses the defaults', () => {
    const source = bktParamsFor({ ktMappingFile: null }, graph);
    expect(source.paramsFor(mapped!)).toEqual(defaultParamsForDifficulty(graph.concepts.get(mapped!)!.difficulty));
  });

  it('a mapping that names a concept the roadmaps do not have stops start-up with file, line and reason', () => {
    const file = mappingDir(`params: fitted.json\nconcepts:\n  not-a-concept: 51\n`);
    let caught: unknown;
    try {
      bktParamsFor({ ktMappingFile: file }, graph);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ContentError);
    expect((caught as ContentError).issues).toEqual([expect.objectContaining({ file, line: 3, code: 'UNKNOWN_CONCEPT' })]);
  });
});
