/**
 * The one shutdown order of every Pathwise process. Whatever the composition
 * root opens registers how to close it under one of these stages; on
 * SIGINT/SIGTERM (or end of input) the stages run in this order:
 *
 * 1. `intake`: stop taking events from people (terminal input, the Slack
 *    receiver, Discord interactions) and let those in flight finish.
 * 2. `jobs`: stop the scheduler taking jobs; running ones finish.
 * 3. `turns`: wait until the coach is idle (turns and jobs in flight).
 * 4. `outbound`: close the clients the coach sends through (the Discord
 *    client, REST timers); nothing needs them any more.
 * 5. `stores`: close the cohort store, then the learner store.
 * 6. `log`: flush and close the log.
 *
 * Within a stage, steps run in the reverse of the order they were added (the
 * last opened closes first). A step that fails does not stop the rest: every
 * step runs, then the first failure is thrown.
 */
export const SHUTDOWN_ORDER = ['intake', 'jobs', 'turns', 'outbound', 'stores', 'log'] as const;
export type ShutdownStage = (typeof SHUTDOWN_ORDER)[number];

interface Step {
  name: string;
  run: () => Promise<void> | void;
}

export class Shutdown {
  private readonly steps = new Map<ShutdownStage, Step[]>(SHUTDOWN_ORDER.map((s) => [s, []]));
  private running: Promise<void> | null = null;

  /** Registers how to close something just opened. */
  add(stage: ShutdownStage, name: string, run: () => Promise<void> | void): void {
    if (this.running) throw new Error(`shutdown already started; cannot add ${name}`);
    this.steps.get(stage)!.push({ name, run });
  }

  /** The steps in the order {@link run} takes them (for logs and tests). */
  plan(): string[] {
    return SHUTDOWN_ORDER.flatMap((stage) => [...this.steps.get(stage)!].reverse().map((s) => `${stage}:${s.name}`));
  }

  /** Runs every step once, stage by stage; later calls return the same promise. */
  run(): Promise<void> {
    this.running ??= this.runAll();
    return this.running;
  }

  private async runAll(): Promise<void> {
    const failures: unknown[] = [];
    for (const stage of SHUTDOWN_ORDER) {
      for (const step of [...this.steps.get(stage)!].reverse()) {
        try {
          await step.run();
        } catch (err) {
          failures.push(err);
        }
      }
    }
    if (failures.length > 0) throw failures[0];
  }
}
