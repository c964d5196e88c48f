/**
 * Occupations from O*NET, as Pathwise ships them (data/onet/occupations.json,
 * derived by scripts/onet-subset.ts) and the schema that checks the file when
 * it is read. Plain data: the I/O is in src/career/.
 */
import { z } from 'zod';

/** The credit line O*NET's CC BY 4.0 licence asks for wherever its data appears. */
export const ONET_CREDIT =
  'This product includes information from the O*NET 29.2 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. USDOL/ETA has not approved, endorsed, or tested these modifications.';

/** The short form shown under a chat answer; the full line is in `pathwise careers coverage`, the README and the data file. */
export const ONET_SOURCE = 'Source: O*NET 29.2 Database (USDOL/ETA), CC BY 4.0; modified by Pathwise, not endorsed by USDOL/ETA.';

const code = z.string().regex(/^\d{2}-\d{4}\.\d{2}$/);

export const technologySchema = z.strictObject({ name: z.string().min(1), hot: z.boolean(), inDemand: z.boolean() });

/** A computing or data occupation, in full. */
export const occupationSchema = z.strictObject({
  code,
  title: z.string().min(1),
  description: z.string(),
  jobZone: z.number().int().min(1).max(5).nullable(),
  alternateTitles: z.array(z.string()),
  reportedTitles: z.array(z.string()),
  tasks: z.array(z.string()),
  technologies: z.array(technologySchema),
  related: z.array(code),
});

/** Any other occupation, slim: enough to recognise it and say what carries over. */
export const otherOccupationSchema = z.strictObject({
  code,
  title: z.string().min(1),
  jobZone: z.number().int().min(1).max(5).nullable(),
  alternateTitles: z.array(z.string()),
  /** Hot technologies only, by name. */
  technologies: z.array(z.string()),
  related: z.array(code),
});

export const occupationsFileSchema = z.strictObject({
  source: z.string(),
  licence: z.string(),
  credit: z.string().refine((s) => s === ONET_CREDIT, 'must be the O*NET credit line, word for word'),
  generatedBy: z.string(),
  occupations: z.array(occupationSchema),
  others: z.array(otherOccupationSchema),
});

export type Technology = z.infer<typeof technologySchema>;
export type Occupation = z.infer<typeof occupationSchema>;
export type OtherOccupation = z.infer<typeof otherOccupationSchema>;
export type OccupationsFile = z.infer<typeof occupationsFileSchema>;

/**
 * Which concept of the knowledge graph teaches each technology O*NET names
 * ("Microsoft Excel" → spreadsheets), and which technologies Pathwise does not
 * teach yet. Read from data/onet/technology-concepts.yaml.
 */
export interface TechnologyMapping {
  /** Occupations of goals whose roadmap does not list any yet: goal id → O*NET-SOC codes. */
  goals: ReadonlyMap<string, readonly string[]>;
  /** Technology name → the concepts that teach it. */
  concepts: ReadonlyMap<string, readonly string[]>;
  /** Technologies knowingly not covered yet. */
  notCovered: ReadonlySet<string>;
}

/** Everything the career features read: occupations by code, and the mapping. */
export interface CareerCatalogue {
  occupations: ReadonlyMap<string, Occupation>;
  others: ReadonlyMap<string, OtherOccupation>;
  mapping: TechnologyMapping;
}

/** The title of any occupation in the catalogue, full or slim. */
export function occupationTitle(cat: CareerCatalogue, code: string): string | undefined {
  return cat.occupations.get(code)?.title ?? cat.others.get(code)?.title;
}
