import { minutesText, plural } from '../core/text/wording.ts';
import { UserError } from '../core/errors.ts';
import type { KnowledgeGraph, ResourceType } from '../core/graph/types.ts';
import { phaseRanks, sectionTitles } from '../core/plan/teaching-order.ts';
import type { PlanResult } from '../core/plan/planner.ts';
import { write, type CliCommand } from './cli.ts';
import { listArg, strictArgs } from './cli-args.ts';

const USAGE =
  'pathwise plan --goal <id> [--goal <id>...] [--known <id,id>] [--prefer video,exercise] [--avoid <formats>] ' +
  '[--minutes-per-day 45] [--exclude <resource,…>] [--done <resource,…>] [--json]';

/** `pathwise plan`: the cheapest path of resources to one or more goals (goal ids or concept ids). */
export const plan: CliCommand = {
  path: ['plan'],
  usage: USAGE,
  summary: 'plan a path of resources to a goal from what you already know',
  async run(args, io, config) {
    const opts = parseOptions(args);
    const [{ loadRoadmaps }, { planPath }, { unknownIdsMessage }] = await Promise.all([
      import('../roadmaps/roadmap-files.ts'),
      import('../core/plan/planner.ts'),
      import('../core/plan/goal-targets.ts'),
    ]);
    const { graph } = loadRoadmaps(config.roadmapsDir);
    const known = opts.known.filter((id) => id !== '');
    const unknown = known.filter((id) => !graph.concepts.has(id));
    if (unknown.length > 0) throw new UserError('UNKNOWN_CONCEPT', `--known: ${unknownIdsMessage('concept', unknown, [...graph.concepts.keys()])}`);
    const result = planPath(graph, {
      goals: opts.goals,
      mastery: Object.fromEntries(known.map((id) => [id, 1])),
      preferences: { preferredFormats: opts.prefer, avoidedFormats: opts.avoid, minutesPerDay: opts.minutesPerDay },
      excludeResources: opts.exclude,
      done: opts.done,
    });
    write(io.stdout, opts.json ? JSON.stringify(toJson(opts.goals, result), null, 2) : render(graph, opts.goals, result, opts.minutesPerDay));
    return 0;
  },
};

interface PlanCliOptions {
  goals: string[];
  known: string[];
  prefer: ResourceType[];
  avoid: ResourceType[];
  minutesPerDay: number;
  exclude: string[];
  done: string[];
  json: boolean;
}

function parseOptions(args: string[]): PlanCliOptions {
  const values = strictArgs(
    args,
    {
      goal: { type: 'string', multiple: true },
      known: { type: 'string', multiple: true },
      prefer: { type: 'string', multiple: true },
      avoid: { type: 'string', multiple: true },
      'minutes-per-day': { type: 'string' },
      exclude: { type: 'string', multiple: true },
      done: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    },
    USAGE,
  );
  const goals = listArg(values.goal);
  if (goals.length === 0) throw new UserError('NO_GOAL', `Name a goal with --goal <id>.\nUsage: ${USAGE}`);
  const rawMinutes = values['minutes-per-day'] ?? '30';
  const minutesPerDay = Number(rawMinutes);
  if (!(Number.isFinite(minutesPerDay) && minutesPerDay > 0)) {
    throw new UserError('USAGE', `--minutes-per-day must be a positive number, got "${rawMinutes}".`);
  }
  return {
    goals,
    known: listArg(values.known),
    // The planner checks the format names and says which ones exist.
    prefer: listArg(values.prefer) as ResourceType[],
    avoid: listArg(values.avoid) as ResourceType[],
    minutesPerDay,
    exclude: listArg(values.exclude),
    done: listArg(values.done),
    json: values.json ?? false,
  };
}

function toJson(goals: string[], r: PlanResult) {
  return {
    goals,
    steps: r.steps.map((s) => ({
      resource: s.resource.id,
      title: s.resource.title,
      type: s.resource.type,
      url: s.resource.url,
      concepts: s.concepts,
      minutes: s.minutes,
      cost: round(s.cost),
      reason: s.reason,
      ...(s.done ? { done: true } : {}),
    })),
    skipped: r.skipped,
    totalCost: round(r.totalCost),
    totalMinutes: r.totalMinutes,
    estimatedDays: r.estimatedDays,
    optimal: r.optimal === true ? true : round(r.optimal),
    expanded: r.expanded,
    method: r.method,
  };
}

function render(graph: KnowledgeGraph, goals: string[], r: PlanResult, minutesPerDay: number): string {
  const name = (id: string) => graph.goals.get(id)?.title ?? graph.concepts.get(id)?.title ?? id;
  const concept = (id: string) => graph.concepts.get(id)?.title ?? id;
  const lines = [`Plan for ${goals.map(name).join(' + ')}`];
  if (r.skipped.length > 0) lines.push(`Already known, skipped: ${r.skipped.map(concept).join(', ')}`);
  const done = r.steps.filter((s) => s.done);
  const todo = r.steps.filter((s) => !s.done);
  if (done.length > 0) lines.push('', 'Done:', ...done.map((s) => `  ✓ ${s.resource.title} (${s.resource.type}, ${minutesText(s.minutes)})`));
  if (todo.length === 0) {
    lines.push('', 'Nothing left to learn for this goal.');
    return lines.join('\n');
  }
  lines.push('', 'Steps:');
  const titles = sectionTitles(graph, goals, phaseRanks(graph, goals), todo.map((s) => s.concepts));
  let phase: string | null = null;
  todo.forEach((s, i) => {
    const title = titles[i] ?? null;
    if (title && title !== phase) lines.push(`  — ${title} —`);
    phase = title ?? phase;
    lines.push(`  ${String(i + 1).padStart(2)}. ${s.resource.title} (${s.resource.type}, ${minutesText(s.minutes)}): ${s.concepts.map(concept).join(', ')}`);
    lines.push(`      why: ${s.reason}`);
    lines.push(`      ${s.resource.url}`);
  });
  const quality = r.optimal === true ? 'optimal' : `within ${round(r.optimal)}× of optimal (bounded search)`;
  lines.push(
    '',
    `Total: ${minutesText(r.totalMinutes)}, about ${plural(r.estimatedDays, 'day')} at ${minutesPerDay} min/day; cost ${round(r.totalCost)}, ${quality}, ${plural(r.expanded, 'state')} expanded.`,
  );
  return lines.join('\n');
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
