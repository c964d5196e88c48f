/**
 * What the simulator needs from files: courses compiled from the roadmaps,
 * a variant by name (or `fitted:<params.json>`, benchmark only, read from
 * wherever it lies and never copied), and the learned policy's file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import type { KnowledgeGraph } from '../core/graph/types.ts';
import { planPath } from '../core/plan/planner.ts';
import { compileCourse, type Course } from '../core/sim/course.ts';
import { fittedVariant } from '../core/sim/fitted-variant.ts';
import { parsePolicyFile, type PolicyFile } from '../core/sim/learned-policy.ts';
import { VARIANTS, type SimVariant } from '../core/sim/variants.ts';
import { readParamsFile } from '../kt/params-file.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

/** Where the shipped learned policy lives. */
export const DEFAULT_POLICY_FILE = join(PACKAGE_ROOT, 'policies', 'teaching-policy.json');

/** Minutes a day the simulated learners plan with (the planner's preference; sessions are the variant's). */
const PLAN_MINUTES_PER_DAY = 60;

/** The course for a goal: its plan for a new learner with no stated formats, compiled. */
export function courseFor(graph: KnowledgeGraph, goal: string): Course {
  const plan = planPath(graph, { goals: [goal], mastery: {}, preferences: { preferredFormats: [], avoidedFormats: [], minutesPerDay: PLAN_MINUTES_PER_DAY } });
  return compileCourse(graph, goal, plan);
}

/** `standard`, `slow`, `shifted`, or `fitted:<params.json>` (written by `pathwise kt fit`). */
export function variantByName(name: string): SimVariant {
  if (name.startsWith('fitted:')) {
    const file = name.slice('fitted:'.length);
    const params = readParamsFile(file);
    return fittedVariant(Object.values(params.skills), 'fitted');
  }
  const v = VARIANTS[name];
  if (!v) throw new UserError('USAGE', `Unknown variant "${name}": one of ${Object.keys(VARIANTS).join(', ')}, or fitted:<params.json>.`);
  return v;
}

/** The learned policy's file, or null when there is none (the caller falls back to the rules). */
export function readPolicyFile(path: string = DEFAULT_POLICY_FILE): PolicyFile | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new UserError('CONTENT_INVALID', `${path}: not JSON (${(cause as Error).message})`, { cause });
  }
  return parsePolicyFile(data, path);
}

export function writePolicyFile(path: string, file: PolicyFile): void {
  writeFileSync(path, JSON.stringify(file, null, 2) + '\n');
}
