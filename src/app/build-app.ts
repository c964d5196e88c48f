/**
 * The one wiring point for a running coach: from configuration, builds the
 * knowledge graph, the embedded store and scheduler, the commands, the
 * engines (planner, goal parser, BKT parameters) and the coach, around the
 * chat gateway the entry point brings (terminal today; Slack and Discord
 * later reuse this with their own gateway). Nothing here is a singleton:
 * tests build as many apps as they like, with their own clock.
 */
import { createWriteStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
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
import { InProcessScheduler, type InProcessSchedulerOptions } from '../engines/embedded/in-process-scheduler.ts';
import { NedbLearnerStore } from '../engines/embedded/nedb-learner-store.ts';
import { NedbCohortStore } from '../engines/embedded/nedb-cohort-store.ts';
import type { CohortStore } from '../core/ports/cohort-store.port.ts';
import { loadRoadmaps } from '../roadmaps/roadmap-files.ts';

export interface AppOptions {
  clock?: Clock;
  seed?: number;
  /** A graph built elsewhere (tests); default: the roadmaps in config.roadmapsDir. */
  graph?: KnowledgeGraph;
  log?: Logger;
  scheduler?: Partial<Omit<InProcessSchedulerOptions, 'clock'>>;
  /**
   * Engines opened elsewhere (e.g. MongoDB and BullMQ by the worker's engine
   * selection); the app then neither opens nor closes a store or scheduler.
   * Default: the embedded ones in config.dataDir.
   */
  engines?: { store: LearnerStore; scheduler: Scheduler; cohorts?: CohortStore };
  /** The zone a chat platform knows for the person (e.g. their Slack profile), proposed at onboarding; null: not known. */
  defaultTimezone?: (from: ConversationRef) => string | null;
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
  /** Stops jobs, lets turns in flight finish, and closes the store. */
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

export async function buildApp(config: Config, gateway: ChatGateway, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  const graph = options.graph ?? loadRoadmaps(config.roadmapsDir).graph;
  mkdirSync(config.dataDir, { recursive: true });
  const logStream = options.log ? null : createWriteStream(join(config.dataDir, 'pathwise.log'), { flags: 'a' });
  const log = options.log ?? jsonLogger((line) => logStream!.write(line), config.logLevel, () => clock.now());

  const owned = !options.engines;
  const store = options.engines?.store ?? (await NedbLearnerStore.open(config.dataDir));
  // Embedded engines get the embedded cohort store; handed-in engines bring their own (or go without cohorts).
  const cohorts = owned ? await NedbCohortStore.open(config.dataDir) : options.engines?.cohorts;
  const scheduler =
    options.engines?.scheduler ??
    (await InProcessScheduler.open(config.dataDir, {
      clock,
      ...options.scheduler,
      onError: (e) => log.log(e.willRetry ? 'warn' : 'error', 'job.failed', e),
    }));
  const commands = await loadCommands(join(PACKAGE_ROOT, 'commands'));
  const bkt = bktParamsFor(config, graph);
  const machineZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

  const coach = new Coach({
    graph,
    store,
    ...(cohorts ? { cohorts } : {}),
    scheduler,
    clock,
    rng: seededRng(options.seed ?? clock.now().getTime()),
    plan: planPath,
    goals: new GoalParser(graph),
    bktParams: (id) => bkt.paramsFor(id),
    masteryThreshold: DEFAULT_MASTERY_THRESHOLD,
    remediateAfter: 3,
    defaultTimezone: (from: ConversationRef) => options.defaultTimezone?.(from) ?? config.timezone ?? machineZone,
    commands,
    gateway,
    log,
  });

  return {
    coach,
    store,
    scheduler,
    ...(cohorts ? { cohorts } : {}),
    graph,
    startJobs: () => scheduler.start((job) => coach.handleJob(job)),
    async close() {
      if (owned) await scheduler.stop();
      await coach.idle();
      if (owned) await store.close();
      if (owned) await cohorts?.close();
      if (logStream) await new Promise<void>((r) => logStream.end(r));
    },
  };
}
