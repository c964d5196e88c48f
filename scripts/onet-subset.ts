/**
 * Derives the O*NET subset Pathwise ships (data/onet/occupations.json) from
 * the O*NET text release, so anyone can regenerate it from a newer one:
 *
 *   node bin/run-ts.js scripts/onet-subset.ts [--from ../shared/data/onet] [--out data/onet/occupations.json]
 *
 * Two kinds of record:
 * - `occupations`: computing and data occupations in full (every 15-xxxx code,
 *   which holds 15-2041 statisticians and 15-2051 data scientists, and every
 *   occupation a goal lists under `occupations:` or data/onet/technology-concepts.yaml
 *   links to a goal): title, description, job zone, alternate and reported
 *   titles, core tasks, hot and in-demand technologies, related occupations,
 *   each list capped.
 * - `others`: every other occupation, slim (title, a few alternate titles,
 *   hot technologies, related codes), so a career changer ("I'm a teacher")
 *   can be found and what carries over can be named.
 *
 * The credit line required by the CC BY 4.0 licence is written in the file's
 * `credit` field; the README carries it too.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../src/package-root.ts';
import { loadRoadmaps } from '../src/roadmaps/roadmap-files.ts';
import { ONET_CREDIT } from '../src/core/career/occupation.ts';

const CAP = { alternate: 15, reported: 8, tasks: 12, technologies: 35, related: 10, slimAlternate: 2, slimTechnologies: 6, slimRelated: 4 } as const;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]!) : fallback;
}

/** shared/ sits beside the repository (a worktree may sit a level deeper): the first that exists. */
const besideRepo = ['..', '../..', '../../..'].map((up) => resolve(PACKAGE_ROOT, up, 'shared/data/onet'));
const from = arg('from', besideRepo.find((d) => existsSync(d)) ?? besideRepo[0]!);
const out = arg('out', join(PACKAGE_ROOT, 'data/onet/occupations.json'));

/** Rows of one tab-separated O*NET file, keyed by its header. */
function table(name: string): Record<string, string>[] {
  const [header = '', ...lines] = readFileSync(join(from, name), 'utf8').split(/\r?\n/);
  const cols = header.split('\t');
  return lines.filter((l) => l.trim() !== '').map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i] ?? `c${i}`, v])));
}

const groupBy = <T>(rows: T[], key: (r: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
};

const CODE = 'O*NET-SOC Code';
const occupations = table('Occupation Data.txt');
const zones = new Map(table('Job Zones.txt').map((r) => [r[CODE]!, Number(r['Job Zone'])]));
const alternates = groupBy(table('Alternate Titles.txt'), (r) => r[CODE]!);
const reported = groupBy(table('Sample of Reported Titles.txt'), (r) => r[CODE]!);
const tasks = groupBy(table('Task Statements.txt'), (r) => r[CODE]!);
const tech = groupBy(table('Technology Skills.txt'), (r) => r[CODE]!);
const related = groupBy(table('Related Occupations.txt'), (r) => r[CODE]!);
const titles = new Map(occupations.map((o) => [o[CODE]!, o['Title']!]));

// The goals' occupations: from the roadmaps, and from the mapping file for goals that do not list them yet.
const graph = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph;
const wanted = new Set<string>();
for (const g of graph.goals.values()) for (const c of g.occupations) wanted.add(c);
const mapping = parse(readFileSync(join(PACKAGE_ROOT, 'data/onet/technology-concepts.yaml'), 'utf8')) as { goals?: Record<string, string[]> };
for (const codes of Object.values(mapping.goals ?? {})) for (const c of codes) wanted.add(c);
const full = (code: string) => code.startsWith('15-') || wanted.has(code);
for (const c of wanted) if (!titles.has(c)) throw new Error(`${c} is listed by a goal but is not in ${join(from, 'Occupation Data.txt')}`);

/** Shortest distinct titles first: "Data Scientist" reads better than "Data Scientist, Machine Learning Platform". */
function distinctTitles(rows: Record<string, string>[] | undefined, col: string, cap: number, skip: string): string[] {
  const seen = new Set([skip.toLowerCase()]);
  const out: string[] = [];
  for (const r of rows ?? []) {
    const t = r[col]!.trim();
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase());
      out.push(t);
    }
  }
  return out.sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, cap);
}

function technologies(code: string): { name: string; hot: boolean; inDemand: boolean }[] {
  const seen = new Set<string>();
  return (tech.get(code) ?? [])
    .filter((r) => r['Hot Technology'] === 'Y' || r['In Demand'] === 'Y')
    .map((r) => ({ name: r['Example']!, hot: r['Hot Technology'] === 'Y', inDemand: r['In Demand'] === 'Y' }))
    .filter((t) => !seen.has(t.name) && seen.add(t.name))
    // In-demand first (the mapping must cover them all), then hot; alphabetical within each.
    .sort((a, b) => Number(b.inDemand) - Number(a.inDemand) || (a.name < b.name ? -1 : 1));
}

const relatedOf = (code: string, cap: number) =>
  (related.get(code) ?? [])
    .sort((a, b) => Number(a['Index']) - Number(b['Index']))
    .slice(0, cap)
    .map((r) => r['Related O*NET-SOC Code']!);

const fullRecords = occupations
  .filter((o) => full(o[CODE]!))
  .map((o) => {
    const code = o[CODE]!;
    return {
      code,
      title: o['Title']!,
      description: o['Description']!,
      jobZone: zones.get(code) ?? null,
      alternateTitles: distinctTitles(alternates.get(code), 'Alternate Title', CAP.alternate, o['Title']!),
      reportedTitles: distinctTitles(reported.get(code), 'Reported Job Title', CAP.reported, o['Title']!),
      tasks: (tasks.get(code) ?? []).filter((t) => t['Task Type'] === 'Core').slice(0, CAP.tasks).map((t) => t['Task']!),
      // Every in-demand technology (the mapping must cover them all), hot ones up to the cap.
      technologies: technologies(code).filter((t, i) => t.inDemand || i < CAP.technologies),
      related: relatedOf(code, CAP.related),
    };
  });

/** What carries over from another occupation: only technologies the computing and data occupations ask for. */
const wantedTechnologies = new Set(fullRecords.flatMap((o) => o.technologies.map((t) => t.name)));

const others = occupations
  .filter((o) => !full(o[CODE]!))
  .map((o) => {
    const code = o[CODE]!;
    return {
      code,
      title: o['Title']!,
      jobZone: zones.get(code) ?? null,
      alternateTitles: distinctTitles(alternates.get(code), 'Alternate Title', CAP.slimAlternate, o['Title']!),
      technologies: technologies(code)
        .filter((t) => t.hot && wantedTechnologies.has(t.name))
        .slice(0, CAP.slimTechnologies)
        .map((t) => t.name),
      related: relatedOf(code, CAP.slimRelated),
    };
  });

const file = {
  source: 'O*NET 29.2 Database (February 2025), https://www.onetcenter.org/database.html',
  licence: 'CC BY 4.0, https://creativecommons.org/licenses/by/4.0/',
  credit: ONET_CREDIT,
  generatedBy: 'scripts/onet-subset.ts (modified: a subset of fields and rows, lists capped)',
  occupations: fullRecords,
  others,
};
mkdirSync(dirname(out), { recursive: true });
const text = JSON.stringify(file);
writeFileSync(out, text + '\n');
console.log(`${out}: ${fullRecords.length} occupations in full, ${others.length} slim, ${(text.length / 1024).toFixed(0)} KB`);
