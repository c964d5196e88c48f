import { UserError } from '../core/errors.ts';
import { write, type CliCommand } from './cli.ts';
import { strictArgs, wholeNumberArg } from './cli-args.ts';

const USAGE = 'pathwise simulate train --seed S [--variant standard] [--learners 20] [--rounds 4] [--iterations 80] [--ensemble 3] [--out policies/teaching-policy.json]';

/**
 * `pathwise simulate train`: fits the learned teaching policy by fitted
 * Q-iteration on simulated learners of one variant, over every shipped goal,
 * and writes the versioned policy file with the command and seed that made it.
 * The `fitted:` variant is refused here: research data never trains what ships.
 */
export const simulateTrain: CliCommand = {
  path: ['simulate', 'train'],
  usage: USAGE,
  summary: 'train the learned teaching policy on simulated learners (fitted Q-iteration)',
  async run(args, io, config) {
    const values = strictArgs(
      args,
      {
        seed: { type: 'string' },
        variant: { type: 'string' },
        learners: { type: 'string' },
        rounds: { type: 'string' },
        iterations: { type: 'string' },
        ensemble: { type: 'string' },
        out: { type: 'string' },
      },
      USAGE,
    );
    const int = (name: string, raw: string | undefined, fallback: number) => wholeNumberArg(name, raw, fallback, 0);
    if (values.seed === undefined) throw new UserError('USAGE', `--seed is required, so the policy can be trained again.\nUsage: ${USAGE}`);
    const variantName = values.variant ?? 'standard';
    if (variantName.startsWith('fitted')) throw new UserError('USAGE', 'The fitted variant is for benchmarks only: nothing that ships is trained on research data.');
    const [{ loadRoadmaps }, setup, { trainFqi, DEFAULT_FQI }, { defaultBudget }, { POLICY_FORMAT, POLICY_VERSION }, { FEATURES }, { ACTIONS }] = await Promise.all([
      import('../roadmaps/roadmap-files.ts'),
      import('../sim/sim-setup.ts'),
      import('../core/sim/fqi.ts'),
      import('../core/sim/evaluate.ts'),
      import('../core/sim/learned-policy.ts'),
      import('../core/sim/features.ts'),
      import('../core/sim/episode.ts'),
    ]);
    const seed = int('seed', values.seed, 0);
    const options = {
      ...DEFAULT_FQI,
      learners: int('learners', values.learners, DEFAULT_FQI.learners),
      rounds: int('rounds', values.rounds, DEFAULT_FQI.rounds),
      iterations: int('iterations', values.iterations, DEFAULT_FQI.iterations),
      ensemble: wholeNumberArg('ensemble', values.ensemble, DEFAULT_FQI.ensemble, 1),
    };
    const { graph } = loadRoadmaps(config.roadmapsDir);
    const goals = [...graph.goals.keys()];
    const courses = goals.map((g) => setup.courseFor(graph, g));
    const t0 = performance.now();
    const r = trainFqi({ ...options, courses, variant: setup.variantByName(variantName), seed, budget: defaultBudget }, (line) => write(io.stderr, line));
    const seconds = (performance.now() - t0) / 1000;
    const out = values.out ?? setup.DEFAULT_POLICY_FILE;
    const command = `pathwise simulate train --seed ${seed} --variant ${variantName} --learners ${options.learners} --rounds ${options.rounds} --iterations ${options.iterations} --ensemble ${options.ensemble}`;
    setup.writePolicyFile(out, {
      format: POLICY_FORMAT,
      version: POLICY_VERSION,
      trainedWith: {
        command,
        seed,
        variant: variantName,
        goals,
        date: new Date().toISOString().slice(0, 10),
        note: `fitted Q-iteration, mean of ${options.ensemble} runs (seeds ${seed}–${seed + options.ensemble - 1}), ${r.transitions} transitions, gamma ${options.gamma}, ridge ${options.ridge}, epsilon ${options.epsilon}, mastery reward ${options.masteryReward} h per concept, ${seconds.toFixed(1)} s`,
      },
      features: [...FEATURES],
      actions: [...ACTIONS],
      weights: r.weights.map((row) => row.map((x) => Math.round(x * 1e6) / 1e6)),
    });
    write(io.stderr, `trained on ${r.transitions.toLocaleString('en')} transitions in ${seconds.toFixed(1)} s → ${out}`);
    return 0;
  },
};
