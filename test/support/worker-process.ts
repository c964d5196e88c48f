/** Spawns test/support/delivery-worker.ts as a child process and follows its JSON event lines. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DeliveryWorkerOptions } from './delivery-worker.ts';
import { waitFor } from './redis.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface WorkerEvent {
  worker: string;
  event: string;
  key?: string;
  outcome?: string;
  [k: string]: unknown;
}

export class WorkerProcess {
  readonly events: WorkerEvent[] = [];
  readonly child: ChildProcess;
  stderr = '';
  exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  constructor(opts: DeliveryWorkerOptions) {
    this.child = spawn(process.execPath, ['bin/run-ts.js', 'test/support/delivery-worker.ts', JSON.stringify(opts)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      try {
        this.events.push(JSON.parse(line) as WorkerEvent);
      } catch {
        this.stderr += `${line}\n`;
      }
    });
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.child.on('exit', (code, signal) => (this.exit = { code, signal }));
  }

  has(event: string): boolean {
    return this.events.some((e) => e.event === event);
  }

  async waitForEvent(event: string, timeoutMs: number): Promise<void> {
    const ok = await waitFor(() => this.has(event) || this.exit !== null, timeoutMs);
    if (!ok || !this.has(event)) throw new Error(`worker did not report ${event} (exit ${JSON.stringify(this.exit)}): ${this.stderr}`);
  }

  async waitForExit(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!(await waitFor(() => this.exit !== null, timeoutMs))) throw new Error(`worker did not exit within ${timeoutMs} ms`);
    return this.exit!;
  }

  /** Best-effort clean-up for afterEach: SIGKILL if still running. */
  kill(): void {
    if (this.exit === null) this.child.kill('SIGKILL');
  }
}
