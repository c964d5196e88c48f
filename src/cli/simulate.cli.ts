import { UserError } from '../core/errors.ts';
import type { Interval, PolicySummary } from '../core/sim/evaluate.ts';
import type { TeachingPolicy } from '../core/sim/policies.ts';
import { write, type CliCommand } from './cli.ts';
import { listArg, strictArgs, wholeNumberArg } from './cli-args.ts';

const USAGE =
  'pathwise simulate --policy fixed|rules|mastery|learned|all|fixed24|coach --goal <id>|all --learners N --seed S ' +
  '[--variant standard|slow|shifted|fitted:<params.json>] [--budget <minutes>] [--policy-file <file>] [--json]';

/** The issue's four policies (`all`). */
const POLICY_NAMES = ['fixed', 'rules', 'mastery', 'learned'] as const;
/**
 * Comparison rows named on request: `fixed24`, the issue anchor's 24 items
 * per concept; `coach`, what the coach serves with the learned policy (the
 * rules, plus its advice from the second miss in a row, its pacing after a
 * right answer and its review questions: `servedPolicy`).
 */
const EXTRA_NAMES = ['fixed24', 'coach'] as const;

/**
 * `pathwise simulate`: teaches simulated learners a goal with one or more
 * policies and prints minutes and steps to true mastery of every goal
 * concept, final true mastery after the budget and the false-mastery rate,
 * each with a 95% bootstrap interval (src/core/sim/).
 */
export const simulate: CliCommand = {
  path: ['simulate'],
  usage: USAGE,
  summary: 'compare teaching policies on simulated learners (minutes to true mastery, false mastery)',
  async run(args, io, config) {
    const o = parse(args);
    const [{ loadRoadmaps }, setup, { evaluatePolicy, defaultBudget }, policies, { learnedPolicy }, { servedPolicy }] = await Promise.all([
      import('../roadmaps/roadmap-files.ts'),
      import('../sim/sim-setup.ts'),
      import('../core/sim/evaluate.ts'),
      import('../core/sim/policies.ts'),
      import('../core/sim/learned-policy.ts'),
      import('../core/sim/advice.ts'),
    ]);
    const { graph } = loadRoadmaps(config.roadmapsDir);
    const goals = o.goals.includes('all') ? [...graph.goals.keys()] : o.goals;
    for (const g of goals) if (!graph.goals.has(g)) throw new UserError('UNKNOWN_GOAL', `Unknown goal "${g}": one of ${[...graph.goals.keys()].join(', ')}.`);
    const variant = setup.variantByName(o.variant);
    const chosen: TeachingPolicy[] = [];
    let learnedNote: string | undefined;
    for (const name of o.policies) {
      if (name === 'fixed') chosen.push(policies.fixedPolicy);
      else if (name === 'rules') chosen.push(policies.rulesPolicy);
      else if (name === 'mastery') chosen.push(policies.masteryPolicy);
      else if (name === 'fixed24') chosen.push(policies.fixed24Policy);
      else {
        const file = setup.readPolicyFile(o.policyFile ?? setup.DEFAULT_POLICY_FILE);
        if (!file) {
          learnedNote = `no learned policy file: \`${name}\` fell back to the rules`;
          chosen.push({ ...policies.rulesPolicy, name });
        } else {
          learnedNote = `learned policy v${file.version}, trained with: ${file.trainedWith.command}`;
          chosen.push(name === 'coach' ? servedPolicy(learnedPolicy(file.weights)) : learnedPolicy(file.weights));
        }
      }
    }
    const out = goals.map((goal) => {
      const course = setup.courseFor(graph, goal);
      const budget = o.budget ?? defaultBudget(course);
      return {
        goal,
        concepts: course.concepts.length,
        planMinutes: course.planMinutes,
        budgetMinutes: budget,
        policies: chosen.map((p) => evaluatePolicy(course, variant, p, o.learners, o.seed, budget)),
      };
    });
    const result = { variant: variant.name, seed: o.seed, learners: o.learners, ...(learnedNote ? { note: learnedNote } : {}), goals: out };
    write(io.stdout, o.json ? JSON.stringify(result, roundNumbers, 2) : render(result));
    return 0;
  },
};

interface SimulateOptions {
  policies: string[];
  goals: string[];
  learners: number;
  seed: number;
  variant: string;
  budget?: number;
  policyFile?: string;
  json: boolean;
}

function parse(args: string[]): SimulateOptions {
  const values = strictArgs(
    args,
    {
      policy: { type: 'string', multiple: true },
      goal: { type: 'string', multiple: true },
      learners: { type: 'string' },
      seed: { type: 'string' },
      variant: { type: 'string' },
      budget: { type: 'string' },
      'policy-file': { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
  );
  let policies = listArg(values.policy);
  if (policies.includes('all')) policies = [...POLICY_NAMES];
  if (policies.length === 0) throw new UserError('USAGE', `Name a policy with --policy.\nUsage: ${USAGE}`);
  const known: readonly string[] = [...POLICY_NAMES, ...EXTRA_NAMES];
  for (const p of policies) if (!known.includes(p)) throw new UserError('USAGE', `Unknown policy "${p}": one of ${known.join(', ')}, or all.`);
  const goals = listArg(values.goal);
  if (goals.length === 0) throw new UserError('NO_GOAL', `Name a goal with --goal <id> (or --goal all).\nUsage: ${USAGE}`);
  return {
    policies,
    goals,
    learners: wholeNumberArg('learners', values.learners, 200, 1),
    seed: wholeNumberArg('seed', values.seed, 1, 0),
    variant: values.variant ?? 'standard',
    ...(values.budget !== undefined ? { budget: wholeNumberArg('budget', values.budget, 0, 1) } : {}),
    ...(values['policy-file'] !== undefined ? { policyFile: values['policy-file'] } : {}),
    json: values.json ?? false,
  };
}

function roundNumbers(_key: string, v: unknown): unknown {
  return typeof v === 'number' ? Math.round(v * 10_000) / 10_000 : v;
}

function render(r: { variant: string; seed: number; learners: number; note?: string; goals: { goal: string; concepts: number; planMinutes: number; budgetMinutes: number; policies: PolicySummary[] }[] }): string {
  const ci = (x: Interval, digits: number, scale = 1) => `${(x.mean * scale).toFixed(digits)} [${(x.lo * scale).toFixed(digits)}, ${(x.hi * scale).toFixed(digits)}]`;
  const lines = [`Simulated learners: variant ${r.variant}, seed ${r.seed}, ${r.learners} per goal${r.note ? ` (${r.note})` : ''}`];
  for (const g of r.goals) {
    lines.push('', `${g.goal}: ${g.concepts} concepts, plan ${g.planMinutes} min, budget ${g.budgetMinutes} min`);
    for (const p of g.policies) {
      lines.push(
        `  ${p.policy.padEnd(8)} minutes to true mastery ${ci(p.minutesToMastery, 0)} · steps ${ci(p.stepsToMastery, 0)} · reached ${ci(p.reachedMastery, 0, 100)}% · ` +
          `final mastery ${ci(p.finalMastery, 1, 100)}% · false mastery ${ci(p.falseMastery, 1, 100)}% · minutes spent ${ci(p.minutesSpent, 0)}`,
      );
    }
  }
  return lines.join('\n');
}
