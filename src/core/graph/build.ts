/**
 * Turns parsed roadmap files into one validated {@link KnowledgeGraph}, or the
 * full list of problems, each with its file, the path inside it and the reason.
 * Pure: the caller reads and parses the files (src/roadmaps/).
 */
import type { ContentIssue } from '../errors.ts';
import { roadmapFileSchema, type RoadmapFile } from './schema.ts';
import type { Concept, Goal, KnowledgeGraph, QuizItem, Resource } from './types.ts';

export type PathSegment = string | number;

/** One parsed file; `locate` maps a path inside it to a 1-based line when the parser knows it. */
export interface ParsedFile {
  file: string;
  data: unknown;
  locate?: (path: readonly PathSegment[]) => number | undefined;
}

export type BuildResult = { ok: true; graph: KnowledgeGraph; warnings: ContentIssue[] } | { ok: false; issues: ContentIssue[] };

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

interface Located<T> {
  value: T;
  file: ParsedFile;
  path: PathSegment[];
}

export function buildGraph(files: readonly ParsedFile[]): BuildResult {
  const issues: ContentIssue[] = [];
  const warnings: ContentIssue[] = [];
  const report = (list: ContentIssue[], f: ParsedFile, path: PathSegment[], code: string, reason: string) => {
    const line = f.locate?.(path);
    list.push({ file: f.file, path: formatPath(path), code, reason, ...(line ? { line } : {}) });
  };

  const concepts: Located<RoadmapFile['concepts'][number]>[] = [];
  const resources: Located<RoadmapFile['resources'][number]>[] = [];
  const goals: Located<RoadmapFile['goals'][number]>[] = [];

  for (const f of files) {
    const parsed = roadmapFileSchema.safeParse(f.data ?? {});
    if (!parsed.success) {
      for (const zi of parsed.error.issues) {
        report(issues, f, zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), 'SCHEMA', zi.message);
      }
      continue;
    }
    parsed.data.concepts.forEach((value, i) => concepts.push({ value, file: f, path: ['concepts', i] }));
    parsed.data.resources.forEach((value, i) => resources.push({ value, file: f, path: ['resources', i] }));
    parsed.data.goals.forEach((value, i) => goals.push({ value, file: f, path: ['goals', i] }));
  }

  // Ids: concepts and goals share one namespace (a learner's goal may name either).
  const nodeSeen = new Map<string, Located<unknown>>();
  const claim = (seen: Map<string, Located<unknown>>, item: Located<unknown>, idValue: string, what: string) => {
    const prev = seen.get(idValue);
    if (prev) {
      report(issues, item.file, [...item.path, 'id'], 'DUPLICATE_ID', `duplicate ${what} id "${idValue}" (first defined in ${prev.file.file} at ${formatPath(prev.path)})`);
      return false;
    }
    seen.set(idValue, item);
    return true;
  };
  for (const c of concepts) claim(nodeSeen, c, c.value.id, 'concept/goal');
  for (const g of goals) claim(nodeSeen, g, g.value.id, 'concept/goal');
  const resourceSeen = new Map<string, Located<unknown>>();
  for (const r of resources) claim(resourceSeen, r, r.value.id, 'resource');
  const quizSeen = new Map<string, Located<unknown>>();
  for (const c of concepts) {
    c.value.quiz.forEach((q, qi) => claim(quizSeen, { value: q, file: c.file, path: [...c.path, 'quiz', qi] }, q.id, 'quiz item'));
  }

  const conceptIds = new Set(concepts.map((c) => c.value.id));
  const checkRef = (loc: Located<unknown>, path: PathSegment[], ref: string, what: string) => {
    if (!conceptIds.has(ref)) {
      const hint = nodeSeen.has(ref) ? ` ("${ref}" is a goal, not a concept)` : '';
      report(issues, loc.file, [...loc.path, ...path], 'UNKNOWN_REFERENCE', `unknown ${what} "${ref}"${hint}`);
    }
  };

  const taught = new Set<string>();
  for (const r of resources) {
    r.value.teaches.forEach((t, i) => {
      checkRef(r, ['teaches', i], t, 'concept');
      taught.add(t);
    });
  }
  for (const g of goals) g.value.targets.forEach((t, i) => checkRef(g, ['targets', i], t, 'target concept'));

  for (const c of concepts) {
    const v = c.value;
    v.requires.forEach((p, i) => {
      checkRef(c, ['requires', i], p, 'prerequisite');
      if (p === v.id) report(issues, c.file, [...c.path, 'requires', i], 'CYCLE', `prerequisite cycle: ${v.id} -> ${v.id}`);
    });
    v.requiresAnyOf.forEach((group, gi) => group.forEach((p, i) => checkRef(c, ['requiresAnyOf', gi, i], p, 'prerequisite')));
    if (!taught.has(v.id)) report(issues, c.file, [...c.path, 'id'], 'NO_RESOURCE', `concept "${v.id}" has no resource that teaches it`);
    if (v.quiz.length === 0) report(issues, c.file, [...c.path, 'quiz'], 'NO_QUIZ', `concept "${v.id}" has no quiz item`);
    else if (v.quiz.length < 3) report(warnings, c.file, [...c.path, 'quiz'], 'FEW_QUIZ_ITEMS', `concept "${v.id}" has only ${v.quiz.length} quiz item(s); three or more give a fair picture`);
    v.quiz.forEach((q, qi) => {
      const at = [...c.path, 'quiz', qi];
      const hits = q.choices.filter((ch) => ch === q.answer).length;
      if (hits === 0) report(issues, c.file, [...at, 'answer'], 'ANSWER_NOT_A_CHOICE', `answer "${q.answer}" is not among the choices`);
      if (new Set(q.choices).size !== q.choices.length) report(issues, c.file, [...at, 'choices'], 'DUPLICATE_CHOICE', 'two choices have the same text');
    });
  }

  for (const cycle of findCycles(concepts)) {
    const head = concepts.find((c) => c.value.id === cycle[0]);
    if (!head) continue;
    report(issues, head.file, [...head.path, ...edgePath(head.value, cycle[1]!)], 'CYCLE', `prerequisite cycle: ${cycle.join(' -> ')} (each requires the next)`);
  }

  if (issues.length > 0) return { ok: false, issues };

  const conceptMap = new Map<string, Concept>();
  const quizItems = new Map<string, QuizItem>();
  for (const { value: v } of concepts) {
    const quiz: QuizItem[] = v.quiz.map((q) => ({
      id: q.id,
      conceptId: v.id,
      question: q.question,
      choices: q.choices,
      answer: q.choices.indexOf(q.answer),
      explanation: q.explanation,
    }));
    for (const q of quiz) quizItems.set(q.id, q);
    conceptMap.set(v.id, { ...v, quiz });
  }
  const resourceMap = new Map<string, Resource>();
  const byConcept = new Map<string, Resource[]>();
  for (const { value: r } of resources) {
    resourceMap.set(r.id, r);
    for (const t of r.teaches) byConcept.set(t, [...(byConcept.get(t) ?? []), r]);
  }
  const goalMap = new Map<string, Goal>(goals.map((g) => [g.value.id, g.value]));
  return { ok: true, graph: { concepts: conceptMap, resources: resourceMap, goals: goalMap, resourcesByConcept: byConcept, quizItems }, warnings };
}

/** Where inside a concept the edge to `to` is declared: `requires[i]`, or `requiresAnyOf[g][i]`. */
function edgePath(c: RoadmapFile['concepts'][number], to: string): PathSegment[] {
  const i = c.requires.indexOf(to);
  if (i >= 0) return ['requires', i];
  for (const [gi, group] of c.requiresAnyOf.entries()) {
    const j = group.indexOf(to);
    if (j >= 0) return ['requiresAnyOf', gi, j];
  }
  return ['requires'];
}

/**
 * Prerequisite cycles (through "all of" and "any one of" edges), each as a
 * closed walk `a, b, c, a` where each requires the next. Iterative DFS with
 * colours, so deep graphs do not overflow the stack; each cycle reported once.
 */
function findCycles(concepts: readonly Located<RoadmapFile['concepts'][number]>[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const { value: v } of concepts) {
    // A duplicate id is reported on its own; keep the first definition's edges so it cannot hide a cycle.
    if (!edges.has(v.id)) edges.set(v.id, [...v.requires.filter((p) => p !== v.id), ...v.requiresAnyOf.flat()]);
  }
  const colour = new Map<string, 1 | 2>();
  const cycles: string[][] = [];
  const seen = new Set<string>();
  for (const start of edges.keys()) {
    if (colour.has(start)) continue;
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    const onPath: string[] = [start];
    colour.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const out = edges.get(top.node) ?? [];
      if (top.next >= out.length) {
        colour.set(top.node, 2);
        stack.pop();
        onPath.pop();
        continue;
      }
      const to = out[top.next++]!;
      if (!edges.has(to)) continue;
      const c = colour.get(to);
      if (c === 1) {
        const cycle = [...onPath.slice(onPath.indexOf(to)), to];
        const key = [...cycle.slice(0, -1)].sort().join(',');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (c === undefined) {
        colour.set(to, 1);
        stack.push({ node: to, next: 0 });
        onPath.push(to);
      }
    }
  }
  return cycles;
}

/**
 * Every concept the targets depend on, targets included, following "all of"
 * edges and every member of "any one of" groups (the planner picks among them).
 */
export function prerequisiteClosure(graph: KnowledgeGraph, targets: readonly string[]): Set<string> {
  const out = new Set<string>();
  const todo = [...targets];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (out.has(id)) continue;
    const c = graph.concepts.get(id);
    if (!c) continue;
    out.add(id);
    todo.push(...c.requires, ...c.requiresAnyOf.flat());
  }
  return out;
}
