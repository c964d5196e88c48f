/**
 * Maps the coach's concepts to fitted skills, so each concept traces
 * knowledge with parameters fitted from real answers instead of the
 * defaults. The mapping file is YAML (or JSON):
 *
 *   # a file written by `pathwise kt fit --out`, relative to this file
 *   params: assist2009-params.json
 *   concepts:
 *     fractions-equivalent: "51"        # concept id: skill id in the params file
 *     fractions-add: "51"               # several concepts may share a skill
 *     box-and-whisker: Box and Whisker
 *
 * {@link loadConceptParams} returns `Record<conceptId, BktParams>`; concepts
 * not listed keep their defaults. Every problem (schema, a skill missing from
 * the params file, an unknown concept) fails the load with file, line and path.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { BktParams } from '../core/kt/bkt.ts';
import { ContentError, type ContentIssue } from '../core/errors.ts';
import { readParamsFile, skillParams, zodIssues } from './params-file.ts';

export const conceptMappingSchema = z.object({
  params: z.string().min(1),
  concepts: z.record(
    z.string().min(1),
    // Unquoted numeric skill ids (51) arrive from YAML as numbers.
    z.union([z.string().min(1), z.number()]).transform(String),
  ),
});

export type ConceptMapping = z.infer<typeof conceptMappingSchema>;

export interface LoadConceptParamsOptions {
  /** When given, a concept id not in this set is an error (a typo would otherwise go unnoticed). */
  knownConcepts?: ReadonlySet<string>;
}

/** Reads a mapping file and the parameters file it names; returns each mapped concept's parameters. */
export function loadConceptParams(mappingPath: string, options: LoadConceptParamsOptions = {}): Record<string, BktParams> {
  let text: string;
  try {
    text = readFileSync(mappingPath, 'utf8');
  } catch (cause) {
    throw new ContentError([{ file: mappingPath, path: '', code: 'NOT_FOUND', reason: `cannot read concept mapping: ${(cause as Error).message}` }]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ContentError(
      doc.errors.map((e) => ({ file: mappingPath, path: '', line: e.linePos?.[0]?.line, code: 'PARSE', reason: e.message.split('\n')[0] ?? 'cannot parse' })),
    );
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const parsed = conceptMappingSchema.safeParse(doc.toJS());
  if (!parsed.success) throw new ContentError(zodIssues(parsed.error, mappingPath, lineOf));
  const mapping = parsed.data;
  const paramsPath = resolve(dirname(mappingPath), mapping.params);
  const bySkill = skillParams(readParamsFile(paramsPath));
  const issues: ContentIssue[] = [];
  const out: Record<string, BktParams> = {};
  for (const [concept, skill] of Object.entries(mapping.concepts)) {
    const at = { file: mappingPath, path: `concepts.${concept}`, line: lineOf(['concepts', concept]) };
    if (options.knownConcepts && !options.knownConcepts.has(concept)) {
      issues.push({ ...at, code: 'UNKNOWN_CONCEPT', reason: `no concept "${concept}" in the knowledge graph` });
    }
    const p = bySkill.get(skill);
    if (!p) issues.push({ ...at, code: 'UNKNOWN_SKILL', reason: `skill "${skill}" is not in ${mapping.params}` });
    else out[concept] = p;
  }
  if (issues.length > 0) throw new ContentError(issues);
  return out;
}
