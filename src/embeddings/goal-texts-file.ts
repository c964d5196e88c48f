/**
 * The texts the goal parser's semantic matcher reads beside each node's own:
 * plain-words descriptions (data/goals/plain-words.yaml), each concept's quiz
 * questions and, when the career catalogue is there, O*NET's titles, tasks
 * and technologies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ContentError } from '../core/errors.ts';
import { careerTexts } from '../core/career/career-texts.ts';
import type { CareerCatalogue } from '../core/career/occupation.ts';
import type { NodeText } from '../core/goal/goal-semantic.ts';
import type { KnowledgeGraph } from '../core/graph/types.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

export const PLAIN_WORDS_FILE = join(PACKAGE_ROOT, 'data/goals/plain-words.yaml');

/** How much a plain-words description counts against a node's own name (1). */
export const PLAIN_WORDS_TEXT = 1;
/** How much a concept's quiz question counts: it speaks of the concept in use, not of the concept itself. */
export const QUIZ_TEXT = 0.85;

const schema = z.record(z.string(), z.array(z.string().min(1)));

/** Node id → its plain-words descriptions, as written in the file. */
export function readPlainWords(file: string = PLAIN_WORDS_FILE): Record<string, string[]> {
  const parsed = schema.safeParse(parse(readFileSync(file, 'utf8')) ?? {});
  if (!parsed.success) throw new ContentError(parsed.error.issues.map((i) => ({ file, path: i.path.join('.'), code: 'SCHEMA', reason: i.message })));
  return parsed.data;
}

/**
 * A quiz question without its code (fenced blocks and `inline` spans): code
 * ("db.users.find({ age: { $gt: 30 } })") is what the learner will read, not
 * how anyone describes what they want to learn.
 */
export function withoutCode(question: string): string {
  return question.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`\n]*`/g, ' ');
}

/** Every extra text per node id, for ids the graph has. */
export function semanticTexts(graph: KnowledgeGraph, catalogue?: CareerCatalogue, plainWords: Record<string, string[]> = readPlainWords()): Map<string, NodeText[]> {
  const out = catalogue ? careerTexts(graph, catalogue) : new Map<string, NodeText[]>();
  for (const c of graph.concepts.values()) {
    const quiz = c.quiz.map((q) => ({ text: withoutCode(q.question), weight: QUIZ_TEXT }));
    if (quiz.length > 0) out.set(c.id, [...(out.get(c.id) ?? []), ...quiz]);
  }
  for (const [id, texts] of Object.entries(plainWords)) {
    if (!graph.goals.has(id) && !graph.concepts.has(id)) continue;
    out.set(id, [...(out.get(id) ?? []), ...texts.map((text) => ({ text, weight: PLAIN_WORDS_TEXT }))]);
  }
  return out;
}
