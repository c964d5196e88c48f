/**
 * Turns parsed roadmap files into one validated {@link KnowledgeGraph}, or the
 * full list of problems, each with its file, the path inside it and the reason.
 * Pure: the caller reads and parses the files (src/roadmaps/).
 */
import type { ContentIssue } from '../errors.ts';
import { BANK_LONGEST_LIMIT, bankLongestScore, itemCues } from './cues.ts';
import { roadmapFileSchema, type RoadmapFile } from './schema.ts';
import type { Concept, Depth, Goal, KnowledgeGraph, QuizItem, Resource, ResourcePart } from './types.ts';

/** A part longer than this is not day-sized: split it further. */
export const MAX_PART_MINUTES = 180;
/** A resource longer than this should be split into its natural parts. */
export const SPLIT_RESOURCE_MINUTES = 600;

type TeachesInput = RoadmapFile['resources'][number]['teaches'];

/** `[a, b]` → a and b at `complete` (the meaning before depths existed); `{a: core}` as written. */
function normaliseTeaches(t: TeachesInput): { teaches: string[]; depth: Record<string, Depth>; paths: (string | number)[] } {
  if (Array.isArray(t)) {
    const depth: Record<string, Depth> = {};
    for (const c of t) depth[c] = 'complete';
    return { teaches: [...t], depth, paths: t.map((_, i) => i) };
  }
  const teaches = Object.keys(t);
  return { teaches, depth: { ...t }, paths: teaches };
}

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
  const builtResources: Resource[] = [];
  for (const r of resources) {
    const v = r.value;
    const own = normaliseTeaches(v.teaches);
    if (Array.isArray(v.teaches)) {
      report(warnings, r.file, [...r.path, 'teaches'], 'NO_DEPTH', `say how far "${v.id}" teaches each concept: teaches: {concept: overview|core|complete}`);
    }
    own.teaches.forEach((t, i) => {
      checkRef(r, ['teaches', own.paths[i]!], t, 'concept');
      taught.add(t);
    });
    const parts: ResourcePart[] = [];
    const partIds = new Set<string>();
    v.parts.forEach((part, pi) => {
      const at: PathSegment[] = ['parts', pi];
      const pid = part.id ?? `p${pi + 1}`;
      if (partIds.has(pid)) report(issues, r.file, [...r.path, ...at, 'id'], 'DUPLICATE_ID', `duplicate part id "${pid}" in resource "${v.id}"`);
      partIds.add(pid);
      const pt = part.teaches ? normaliseTeaches(part.teaches) : { teaches: own.teaches, depth: own.depth, paths: [] };
      pt.teaches.forEach((t, i) => {
        if (!own.depth[t]) report(issues, r.file, [...r.path, ...at, 'teaches', pt.paths[i]!], 'PART_TEACHES_MORE', `part teaches "${t}", which resource "${v.id}" does not list in its teaches`);
      });
      if (part.minutes > MAX_PART_MINUTES) {
        report(warnings, r.file, [...r.path, ...at, 'minutes'], 'LONG_PART', `part "${part.title}" takes ${part.minutes} min; split it into parts of at most ${MAX_PART_MINUTES}`);
      }
      parts.push({ id: pid, title: part.title, url: part.url ?? v.url, minutes: part.minutes, teaches: pt.teaches, depth: pt.depth });
    });
    const partSum = parts.reduce((m, p) => m + p.minutes, 0);
    let minutes = v.minutes;
    if (minutes === undefined) {
      if (parts.length === 0) report(issues, r.file, [...r.path, 'minutes'], 'SCHEMA', 'needs minutes (or parts whose minutes add up to them)');
      minutes = partSum;
    } else if (parts.length > 0 && partSum !== minutes) {
      report(issues, r.file, [...r.path, 'minutes'], 'PART_MINUTES', `the parts add up to ${partSum} min, but the resource says ${minutes}; drop its minutes or make them agree`);
    }
    if (parts.length === 0 && minutes > SPLIT_RESOURCE_MINUTES) {
      report(warnings, r.file, [...r.path, 'minutes'], 'LONG_RESOURCE', `resource "${v.id}" takes ${minutes} min in one piece; list its parts (chapters, modules) so a day's task fits a day`);
    }
    // A concept no part teaches would never be finished by working through the parts.
    if (parts.length > 0) {
      const inParts = new Set(parts.flatMap((p) => p.teaches));
      own.teaches.forEach((t, i) => {
        if (!inParts.has(t)) report(issues, r.file, [...r.path, 'teaches', own.paths[i]!], 'UNTAUGHT_IN_PARTS', `no part of "${v.id}" teaches "${t}"`);
      });
    }
    builtResources.push({
      id: v.id,
      title: v.title,
      url: v.url,
      type: v.type,
      minutes,
      difficulty: v.difficulty,
      quality: v.quality,
      interactivity: v.interactivity,
      free: v.free,
      teaches: own.teaches,
      depth: own.depth,
      parts,
      ...(v.language ? { language: v.language } : {}),
    });
  }
  for (const g of goals) {
    const v = g.value;
    v.targets.forEach((t, i) => checkRef(g, ['targets', i], t, 'target concept'));
    const phased = new Set<string>();
    v.phases.forEach((ph, pi) =>
      ph.concepts.forEach((c, ci) => {
        checkRef(g, ['phases', pi, 'concepts', ci], c, 'concept');
        if (phased.has(c)) report(issues, g.file, [...g.path, 'phases', pi, 'concepts', ci], 'DUPLICATE_PHASE', `"${c}" is already in an earlier phase of goal "${v.id}"`);
        phased.add(c);
      }),
    );
    const levelIds = new Set<string>();
    v.levels.forEach((lv, li) => {
      if (levelIds.has(lv.id)) report(issues, g.file, [...g.path, 'levels', li, 'id'], 'DUPLICATE_ID', `duplicate level id "${lv.id}" in goal "${v.id}"`);
      levelIds.add(lv.id);
      for (const c of Object.keys(lv.competencies)) checkRef(g, ['levels', li, 'competencies', c], c, 'concept');
    });
  }

  // Learner phrases: the same one twice in a node says nothing more; one on two nodes cannot tell them apart.
  const saidBy = new Map<string, string>();
  for (const n of [...concepts, ...goals]) {
    const own = new Set<string>();
    n.value.says.forEach((phrase, i) => {
      const key = phrase.toLowerCase().replace(/\s+/g, ' ').trim();
      const other = saidBy.get(key);
      if (own.has(key)) report(issues, n.file, [...n.path, 'says', i], 'DUPLICATE_SAYS', `"${phrase}" is said twice by "${n.value.id}"`);
      else if (other !== undefined && other !== n.value.id) report(issues, n.file, [...n.path, 'says', i], 'DUPLICATE_SAYS', `"${phrase}" is also said by "${other}": a learner phrase must single out its node`);
      own.add(key);
      if (other === undefined) saidBy.set(key, n.value.id);
    });
  }

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
      if (hits === 1) {
        for (const cue of itemCues({ choices: q.choices, answer: q.choices.indexOf(q.answer) })) {
          const why =
            cue.kind === 'longest'
              ? `the answer is ${cue.ratio.toFixed(1)}× as long as the longest distractor; a guesser picks it`
              : `the answer is the only option written as ${cue.form}; a guesser picks it`;
          report(warnings, c.file, [...at, 'answer'], 'CUED_ANSWER', why);
        }
      }
    });
  }

  for (const cycle of findCycles(concepts)) {
    const head = concepts.find((c) => c.value.id === cycle[0]);
    if (!head) continue;
    report(issues, head.file, [...head.path, ...edgePath(head.value, cycle[1]!)], 'CYCLE', `prerequisite cycle: ${cycle.join(' -> ')} (each requires the next)`);
  }

  const bank = concepts.flatMap((c) => c.value.quiz.filter((q) => q.choices.includes(q.answer)).map((q) => ({ choices: q.choices, answer: q.choices.indexOf(q.answer) })));
  const longestScore = bankLongestScore(bank);
  if (bank.length > 0 && longestScore > BANK_LONGEST_LIMIT) {
    const f = concepts[0]!.file;
    report(issues, f, [], 'CUED_BANK', `always picking the longest option scores ${(longestScore * 100).toFixed(0)}% over the ${bank.length} quiz items; it must be at most ${BANK_LONGEST_LIMIT * 100}%`);
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
      ...(q.bloom ? { bloom: q.bloom } : {}),
    }));
    for (const q of quiz) quizItems.set(q.id, q);
    conceptMap.set(v.id, { ...v, quiz });
  }
  const resourceMap = new Map<string, Resource>();
  const byConcept = new Map<string, Resource[]>();
  for (const r of builtResources) {
    resourceMap.set(r.id, r);
    for (const t of r.teaches) byConcept.set(t, [...(byConcept.get(t) ?? []), r]);
  }
  const goalMap = new Map<string, Goal>(
    goals.map(({ value: g }) => [
      g.id,
      {
        id: g.id,
        title: g.title,
        description: g.description,
        aliases: g.aliases,
        says: g.says,
        targets: g.targets,
        phases: g.phases,
        levels: g.levels,
        occupations: g.occupations,
        ...(g.language ? { language: g.language } : {}),
      },
    ]),
  );
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
