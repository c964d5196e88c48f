/**
 * Reads the career data Pathwise ships: the O*NET subset
 * (data/onet/occupations.json, written by scripts/onet-subset.ts) and the
 * technology → concept mapping (data/onet/technology-concepts.yaml). A bad
 * file fails with its name, the path inside it (and the line, for YAML) and
 * what is wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { z } from 'zod';
import { ContentError, type ContentIssue } from '../core/errors.ts';
import { occupationsFileSchema, type CareerCatalogue, type OccupationsFile, type TechnologyMapping } from '../core/career/occupation.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

/** Where the shipped files live. */
export const CAREER_DATA_DIR = join(PACKAGE_ROOT, 'data/onet');

const mappingSchema = z.strictObject({
  goals: z.record(z.string(), z.array(z.string().regex(/^\d{2}-\d{4}\.\d{2}$/, 'must be an O*NET-SOC code such as 15-2051.00'))).default({}),
  technologies: z.record(z.string(), z.array(z.string().min(1)).min(1, 'name at least one concept, or move it to notCovered')).default({}),
  notCovered: z.array(z.string().min(1)).default([]),
});

function issuesOf(file: string, error: z.ZodError, line?: (path: PropertyKey[]) => number | undefined): ContentIssue[] {
  return error.issues.map((i) => {
    const l = line?.(i.path);
    return { file, path: i.path.join('.'), code: 'SCHEMA', reason: i.message, ...(l !== undefined ? { line: l } : {}) };
  });
}

export function readOccupationsFile(file: string): OccupationsFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ContentError([{ file, path: '', code: 'PARSE', reason: `cannot read the occupations file: ${(cause as Error).message}` }]);
  }
  const parsed = occupationsFileSchema.safeParse(data);
  if (!parsed.success) throw new ContentError(issuesOf(file, parsed.error));
  return parsed.data;
}

export function readTechnologyMapping(file: string): TechnologyMapping {
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ContentError(doc.errors.map((e) => ({ file, path: '', code: 'PARSE', reason: e.message.split('\n')[0] ?? 'cannot parse', line: lines.linePos(e.pos[0]).line })));
  }
  const lineOf = (path: PropertyKey[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as (string | number)[], true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const parsed = mappingSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) throw new ContentError(issuesOf(file, parsed.error, lineOf));
  const m = parsed.data;
  const both = Object.keys(m.technologies).filter((t) => m.notCovered.includes(t));
  if (both.length > 0) throw new ContentError(both.map((t) => ({ file, path: `technologies.${t}`, code: 'DUPLICATE_ID', reason: `"${t}" is both mapped and listed under notCovered`, line: lineOf(['technologies', t]) ?? 0 })));
  return {
    goals: new Map(Object.entries(m.goals)),
    concepts: new Map(Object.entries(m.technologies)),
    notCovered: new Set(m.notCovered),
  };
}

/** The shipped catalogue (or one in `dir`, for tests). */
export function loadCareerCatalogue(dir: string = CAREER_DATA_DIR): CareerCatalogue {
  const file = readOccupationsFile(join(dir, 'occupations.json'));
  return {
    occupations: new Map(file.occupations.map((o) => [o.code, o])),
    others: new Map(file.others.map((o) => [o.code, o])),
    mapping: readTechnologyMapping(join(dir, 'technology-concepts.yaml')),
  };
}
