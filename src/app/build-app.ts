/**
 * Builds a running coach around a chat gateway: the knowledge graph, the
 * commands, the engines (planner, goal parser, BKT parameters) and the coach
 * itself, on the learner store and scheduler it is given (or the embedded
 * ones in config.dataDir). Everything it opens registers its closing with
 * the process's {@link Shutdown}, so one written order closes it all. The
 * composition root (src/app/root.ts) uses it for every role; tests build as
 * many apps as they like, with their own clock. Nothing here is a singleton.
 */
import { PathwiseError } from '../core/errors.ts';
import { learnedPolicy } from '../core/sim/learned-policy.ts';
import type { TeachingPolicy } from '../core/sim/policies.ts';
import { readPolicyFile } from '../sim/sim-setup.ts';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT, type Config } from '../config.ts';
import { Coach } from '../coach/coach.ts';
import { loadCommands } from '../coach/command-loader.ts';
import { jsonLogger, type Logger } from '../coach/logger.ts';
import type { ConversationRef } from '../core/chat/messages.ts';
import { GoalParser } from '../core/goal/goal-parser.ts';
import type { KnowledgeGraph } from '../core/graph/types.ts';
import { DEFAULT_MASTERY_THRESHOLD } from '../core/kt/bkt.ts';
import { createBktParamSource, type BktParamSource } from '../core/kt/bkt-params.ts';
import { loadConceptParams } from '../kt/concept-params.ts';
import { planPath } from '../core/plan/planner.ts';
import type { ChatGateway } from '../core/ports/chat.port.ts';
import type { LearnerStore } from '../core/ports/learner-store.port.ts';
import type { Scheduler } from '../core/ports/scheduler.port.ts';
import { systemClock, type Clock } from '../core/ports/clock.port.ts';
import { seededRng } from '../core/random.ts';
import type { InProcessSchedulerOptions } from '../engines/embedded/in-process-scheduler.ts';
import type { CohortStore } from '../core/ports/cohort-store.port.ts';
import { loadRoadmaps } from '../roadmaps/roadmap-files.ts';
import { loadCareerCatalogue } from '../career/career-files.ts';
import type { CareerCatalogue } from '../core/career/occupation.ts';
import { lazySemanticIndex } from '../embeddings/semantic-index.ts';
import { lazyWordVectors } from '../embeddings/word-vectors-file.ts';
import { openEmbeddedEngines } from './engines.ts';
import { Shutdown } from './shutdown.ts';
import { finishPendingForgets } from '../coach/forget-learner.ts';
import { bindingFitter } from '../engines/fsrs/binding-fitter.ts';

export interface AppOptions {
  clock?: Clock;
  seed?: number;
  /** A graph built elsewhere (tests); default: the roadmaps in config.roadmapsDir. */
  graph?: KnowledgeGraph;
  log?: Logger;
  scheduler?: Partial<Omit<InProcessSchedulerOptions, 'clock'>>;
  /**
   * Engines opened elsewhere (the composition root, a test); whoever opened
   * them closes them. Default: the embedded ones in config.dataDir, opened
   * here and closed by {@link App.close}.
   */
  engines?: { store: LearnerStore; scheduler: Scheduler; cohorts?: CohortStore };
  /** The process's shutdown order to register with; default: one of the app's own. */
  shutdown?: Shutdown;
  /** Occupations and the technology mapping (tests); default: the shipped data/onet, read on first need. */
  careers?: CareerCatalogue;
  /** The zone a chat platform knows for the person (e.g. their Slack profile), proposed at onboarding; null: not known. */
  defaultTimezone?: (from: ConversationRef) => string | null;
  /** forget-me: deletes what the platform adapter saved on disk for a learner (the terminal's exports and charts). */
  forgetFiles?: (learnerId: string) => Promise<void>;
}

export interface App {
  coach: Coach;
  store: LearnerStore;
  scheduler: Scheduler;
  /** Absent when engines were handed in without a cohort store. */
  cohorts?: CohortStore;
  graph: KnowledgeGraph;
  /** Starts running scheduled jobs (daily tasks, review prompts) through the coach. */
  startJobs(): Promise<void>;
  /** Runs the shutdown order: stops jobs, lets turns in flight finish, closes what was opened for the app. */
  close(): Promise<void>;
}

/**
 * BKT parameters per concept: fitted ones from `config.ktMappingFile` (written
 * by `pathwise kt fit` and mapped to concepts), difficulty-shaped defaults for
 * the rest. A bad mapping stops start-up with file, line and reason.
 */
export function bktParamsFor(config: Pick<Config, 'ktMappingFile'>, graph: KnowledgeGraph): BktParamSource {
  const fitted = config.ktMappingFile ? loadConceptParams(config.ktMappingFile, { knownConcepts: new Set(graph.concepts.keys()) }) : undefined;
  return createBktParamSource({ difficultyOf: (id) => graph.concepts.get(id)?.difficulty, ...(fitted ? { fitted } : {}) });
}

/** Where the parsed roadmaps are kept between starts (see loadRoadmaps). */
export function roadmapCache(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'roadmaps.cache.json');
}

/**
 * The learned teaching policy from `config.teachingPolicyFile`, or undefined
 * (the rules alone) when none is configured or the file is not there. A file
 * of another version or shape stops start-up with the file and the reason.
 */
export function teachingPolicyFor(config: Pick<Config, 'teachingPolicyFile'>): TeachingPolicy | undefined {
  if (!config.teachingPolicyFile) return undefined;
  const file = readPolicyFile(config.teachingPolicyFile);
  return file ? learnedPolicy(file.weights) : undefined;
}

/** The JSON-lines log in config.dataDir/pathwise.log, closed at the `log` stage. */
export function fileLog(config: Pick<Config, 'dataDir' | 'logLevel'>, clock: Clock, shutdown: Shutdown): Logger {
  mkdirSync(config.dataDir, { recursive: true });
  const stream = createWriteStream(join(config.dataDir, 'pathwise.log'), { flags: 'a' });
  shutdown.add('log', 'log file', () => new Promise<void>((r) => stream.end(r)));
  return jsonLogger((line) => stream.write(line), config.logLevel, () => clock.now());
}

export async function buildApp(config: Config, gateway: ChatGateway, options: AppOptions = {}): Promise<App> {
  const shutdown = options.shutdown ?? new Shutdown();
  const clock = options.clock ?? systemClock;
  const graph = options.graph ?? loadRoadmaps(config.roadmapsDir, { cacheFile: roadmapCache(config) }).graph;
  const log = options.log ?? fileLog(config, clock, shutdown);
  const { store, scheduler, cohorts } =
    options.engines ?? (await openEmbeddedEngines(config, shutdown, { clock, log, ...(options.scheduler ? { scheduler: options.scheduler } : {}) }));
  const commands = await loadCommands(join(PACKAGE_ROOT, 'commands'));
  const bkt = bktParamsFor(config, graph);
  const teachingPolicy = teachingPolicyFor(config);
  const machineZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  // O*NET and the word vectors are read the first time a conversation needs them, never at start-up.
  let catalogue: CareerCatalogue | undefined;
  const careers = () => (catalogue ??= options.careers ?? loadCareerCatalogue());
  // Read once, on first need: by the goal parser's meaning and by "is this name an everyday word?".
  const vectors = lazyWordVectors();

  const coach = new Coach({
    graph,
    store,
    ...(cohorts ? { cohorts } : {}),
    scheduler,
    careers,
    clock,
    rng: seededRng(options.seed ?? clock.now().getTime()),
    plan: planPath,
    goals: new GoalParser(graph, { semantic: lazySemanticIndex(graph, { vectors, catalogue: careers }), frequencyRank: (word) => vectors().indexOf(word) }),
    bktParams: (id) => bkt.paramsFor(id),
    masteryThreshold: DEFAULT_MASTERY_THRESHOLD,
    remediateAfter: 3,
    ...(teachingPolicy ? { teachingPolicy } : {}),
    defaultTimezone: (from: ConversationRef) => options.defaultTimezone?.(from) ?? config.timezone ?? machineZone,
    ...(options.forgetFiles ? { forgetFiles: options.forgetFiles } : {}),
    reviewFitter: bindingFitter(),
    onReviewFitFailed: (learnerId, err) => log.log('warn', 'review.fit_failed', { learnerId, code: err instanceof PathwiseError ? err.code : 'INTERNAL' }),
    onForgetFailed: (learnerId, err) => log.log('error', 'forget.unfinished', { learnerId, error: err instanceof Error ? err.name : 'unknown' }),
    commands,
    gateway,
    log,
  });
  shutdown.add('turns', 'coach', () => coach.idle());

  return {
    coach,
    store,
    scheduler,
    ...(cohorts ? { cohorts } : {}),
    graph,
    async startJobs() {
      // A forget-me that did not finish before the last stop is finished before anything runs for anyone.
      const finished = await finishPendingForgets({ store, scheduler, ...(cohorts ? { cohorts } : {}), ...(options.forgetFiles ? { forgetFiles: options.forgetFiles } : {}) });
      if (finished > 0) log.log('info', 'forget.finished_pending', { learners: finished });
      await scheduler.start((job) => coach.handleJob(job));
    },
    close: () => shutdown.run(),
  };
}
