import type { CliCommand } from './cli.ts';
import { careersCoverage } from './careers-coverage.cli.ts';
import { chat } from './chat.cli.ts';
import { discordRegister, discordServe } from './discord.cli.ts';
import { doctor } from './doctor.cli.ts';
import { goalCommand } from './goal.cli.ts';
import { jobsDrop, jobsFailed, jobsReconcile, jobsRetry } from './jobs.cli.ts';
import { ktEval } from './kt-eval.cli.ts';
import { ktFit } from './kt-fit.cli.ts';
import { plan } from './plan.cli.ts';
import { roadmapsCheck } from './roadmaps-check.cli.ts';
import { roadmapsStats } from './roadmaps-stats.cli.ts';
import { simulate } from './simulate.cli.ts';
import { simulateTrain } from './simulate-train.cli.ts';
import { slackManifest, slackServe } from './slack.cli.ts';
import { workerCommand } from './worker.cli.ts';

/** Every `pathwise` subcommand, in the order `pathwise help` lists them. */
export const CLI_COMMANDS: CliCommand[] = [
  chat,
  roadmapsCheck,
  roadmapsStats,
  careersCoverage,
  goalCommand,
  plan,
  ktFit,
  ktEval,
  simulate,
  simulateTrain,
  discordServe,
  discordRegister,
  slackServe,
  slackManifest,
  workerCommand,
  jobsFailed,
  jobsRetry,
  jobsDrop,
  jobsReconcile,
  doctor,
];
