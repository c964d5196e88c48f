/**
 * Small fixture roadmaps for coach tests (never the shipped content): a few
 * concepts with prerequisites, resources and seven quiz items of four options each, and two
 * goals. Build a graph in memory, or write the YAML to a folder for the CLI.
 *
 *   basics ─┬─ python ── pandas ─┐
 *           ├─ sql ──────────────┴─ (goal data-analyst: pandas, sql)
 *           └─ docker ──────────────  (goal devops-engineer: docker)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { buildGraph } from '../../src/core/graph/build.ts';
import type { KnowledgeGraph } from '../../src/core/graph/types.ts';

interface FixtureConcept {
  id: string;
  title: string;
  requires?: string[];
  aliases?: string[];
  difficulty?: number;
}

const CONCEPTS: FixtureConcept[] = [
  { id: 'basics', title: 'Programming Basics', aliases: ['programming'], difficulty: 1 },
  { id: 'python', title: 'Python', requires: ['basics'], aliases: ['python3'], difficulty: 2 },
  { id: 'sql', title: 'SQL', requires: ['basics'], aliases: ['databases'], difficulty: 2 },
  { id: 'pandas', title: 'Pandas', requires: ['python'], aliases: ['dataframes'], difficulty: 3 },
  { id: 'docker', title: 'Docker', requires: ['basics'], aliases: ['containers'], difficulty: 3 },
];

/** Quiz item ids are `<concept>-q<n>`; the right answer is always "<concept> right <n>". */
export const rightAnswer = (itemId: string): string => {
  const [, concept, n] = /^(.*)-q(\d)$/.exec(itemId)!;
  return `${concept} right ${n}`;
};

export function fixtureRoadmap(): Record<string, unknown> {
  return {
    concepts: CONCEPTS.map((c) => ({
      id: c.id,
      title: c.title,
      description: `What ${c.title} is and how to use it.`,
      aliases: c.aliases ?? [],
      domains: ['fixture'],
      difficulty: c.difficulty ?? 2,
      bloom: 'apply',
      requires: c.requires ?? [],
      quiz: [1, 2, 3, 4, 5, 6, 7].map((n) => ({
        id: `${c.id}-q${n}`,
        question: `Question ${n} about ${c.title}?`,
        choices: [`${c.id} right ${n}`, `${c.id} wrong ${n}a`, `${c.id} wrong ${n}b`, `${c.id} wrong ${n}c`],
        answer: `${c.id} right ${n}`,
        explanation: `Because of ${c.title} rule ${n}.`,
      })),
    })),
    resources: [
      ...CONCEPTS.map((c) => ({
        id: `${c.id}-course`,
        title: `${c.title} Course`,
        url: `https://example.org/${c.id}-course`,
        type: 'course',
        minutes: 30,
        difficulty: c.difficulty ?? 2,
        quality: 4,
        interactivity: 3,
        teaches: [c.id],
      })),
      { id: 'pandas-video', title: 'Pandas in Ten Videos', url: 'https://example.org/pandas-video', type: 'video', minutes: 45, difficulty: 3, quality: 3, interactivity: 2, teaches: ['pandas'] },
    ],
    goals: [
      { id: 'data-analyst', title: 'Data Analyst', description: 'Analyse data with Python and SQL.', aliases: ['data analysis'], targets: ['pandas', 'sql'] },
      { id: 'devops-engineer', title: 'DevOps Engineer', description: 'Ship software with containers.', aliases: ['devops'], targets: ['docker'] },
    ],
  };
}

export function fixtureGraph(): KnowledgeGraph {
  const built = buildGraph([{ file: 'fixture.yaml', data: fixtureRoadmap() }]);
  if (!built.ok) throw new Error(`fixture roadmap is invalid: ${JSON.stringify(built.issues)}`);
  return built.graph;
}

/** The fixture graph with a second resource for Programming Basics, "Basics Notes" (33 min), so its first concept has another way in. */
export function fixtureGraphWithNotes(): KnowledgeGraph {
  const data = fixtureRoadmap() as { resources: unknown[] };
  data.resources.push({ id: 'basics-notes', title: 'Basics Notes', url: 'https://example.org/basics-notes', type: 'article', minutes: 33, difficulty: 1, quality: 4, interactivity: 3, teaches: ['basics'] });
  const built = buildGraph([{ file: 'fixture.yaml', data }]);
  if (!built.ok) throw new Error(`fixture roadmap is invalid: ${JSON.stringify(built.issues)}`);
  return built.graph;
}

/** The fixture graph with Go (the language, id "go"), whose one-word name is an everyday English word. */
export function fixtureGraphWithGo(): KnowledgeGraph {
  const data = fixtureRoadmap() as { concepts: Record<string, unknown>[]; resources: unknown[] };
  const python = data.concepts.find((c) => c['id'] === 'python')!;
  const quiz = (python['quiz'] as Record<string, unknown>[]).map((q, i) => ({ ...q, id: `go-q${i + 1}`, question: `Question ${i + 1} about Go?` }));
  data.concepts.push({ ...python, id: 'go', title: 'Go', description: 'What Go is and how to use it.', aliases: ['golang'], quiz });
  data.resources.push({ id: 'go-tour', title: 'A Tour of Go', url: 'https://example.org/go-tour', type: 'course', minutes: 30, difficulty: 2, quality: 4, interactivity: 3, teaches: ['go'] });
  const built = buildGraph([{ file: 'fixture.yaml', data }]);
  if (!built.ok) throw new Error(`fixture roadmap is invalid: ${JSON.stringify(built.issues)}`);
  return built.graph;
}

/** Writes the fixture as `<dir>/fixture.yaml` and returns `dir`. */
export function writeFixtureRoadmaps(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'fixture.yaml'), stringify(fixtureRoadmap()));
  return dir;
}
