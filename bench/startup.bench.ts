/**
 * Start-up benchmark: how long a person waits, each a fresh (cold) process.
 *
 *   node bin/run-ts.js bench/startup.bench.ts [--runs N]
 *
 * - `pathwise help`: the process from spawn to exit.
 * - `pathwise chat` to the first answer: spawn, type "hi", until the coach's
 *   greeting is on stdout (the first prompt a person can type into comes
 *   with it). "First start": a fresh data directory each run; "later start":
 *   one data directory, so the parsed roadmaps kept there are used. Also
 *   through `npm start`.
 * - `pathwise chat` with empty input: spawn to exit (`printf '' | npm start`).
 * - The first goal reply that needs word vectors ("package my service so it
 *   runs the same on every machine"), from the moment the phrase is sent to
 *   a chat that has greeted: the vectors and the semantic index are built then.
 * - For context: bare Node, Node with the tsx loader, and `require('natural')`
 *   whole (what the goal parser used to import; it now loads six files).
 *
 * Medians of N runs (default 7) with min and max. Targets (issue #18): help
 * under 0.5 s, npm start to the first prompt under 1.5 s; issue #16: the
 * first goal reply within 1.5 s of the message.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Math.max(1, Number(values.runs));
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'pathwise.js');

/** Milliseconds from spawn until `until(stdout)` is true, or until exit when no `until` is given. */
function timed(cmd: string, args: string[], opts: { input?: string; until?: (out: string) => boolean; env?: Record<string, string> } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    let done = false;
    const finish = (ms: number) => {
      if (done) return;
      done = true;
      resolve(ms);
      if (opts.until) child.stdin.end();
    };
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (opts.until?.(out)) finish(performance.now() - start);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (!done && (opts.until || code !== 0)) reject(new Error(`${cmd} ${args.join(' ')} exited ${code} before it was ready:\n${out}`));
      finish(performance.now() - start);
    });
    if (opts.input !== undefined) child.stdin.write(opts.input);
    if (!opts.until) child.stdin.end();
  });
}

/**
 * Milliseconds from writing `phrase` to a chat that has already greeted
 * (after "hi") until `until(stdout since then)`: how long a learner waits
 * for the first reply that needs the goal parser's word vectors.
 */
function timedReply(dir: string, phrase: string, until: (out: string) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'chat'], { cwd: root, env: { ...process.env, PATHWISE_DATA_DIR: dir }, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    let sentAt: number | null = null;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (sentAt === null && greeted(out)) {
        out = '';
        sentAt = performance.now();
        child.stdin.write(`${phrase}\n`);
      } else if (sentAt !== null && until(out)) {
        resolve(performance.now() - sentAt);
        sentAt = Infinity;
        child.stdin.end();
      }
    });
    child.on('error', reject);
    child.on('close', () => (sentAt === Infinity ? undefined : reject(new Error(`chat exited before replying:\n${out}`))));
    child.stdin.write('hi\n');
  });
}

async function series(label: string, target: number | null, run: () => Promise<number>): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) ms.push(await run());
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!;
  const verdict = target === null ? '' : median < target ? `  target < ${target} ms ✔` : `  target < ${target} ms ✘`;
  console.log(`${label.padEnd(50)} median ${median.toFixed(0).padStart(5)} ms  (min ${ms[0]!.toFixed(0)}, max ${ms.at(-1)!.toFixed(0)})${verdict}`);
}

function withDataDir(f: (dir: string) => Promise<number>): () => Promise<number> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathwise-startup-'));
    try {
      return await f(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const greeted = (out: string) => /Pathwise/.test(out);

console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} threads, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(`${RUNS} cold processes each\n`);
await series('node -e ""  (bare Node)', null, () => timed(process.execPath, ['-e', '']));
await series('node + tsx loader, nothing else', null, () => timed(process.execPath, ['--import', 'tsx/esm', '-e', '']));
await series("require('natural') whole  (no longer used)", null, () => timed(process.execPath, ['-e', "require('natural')"], { env: { DOTENV_CONFIG_QUIET: 'true' } }));
await series('pathwise help', 500, () => timed(process.execPath, [bin, 'help']));
await series('pathwise --version', 500, () => timed(process.execPath, [bin, '--version']));
const chatTo = (cmd: string, args: string[], dir: string) => timed(cmd, args, { input: 'hi\n', until: greeted, env: { PATHWISE_DATA_DIR: dir } });
await series('pathwise chat, first start, to the first answer', 1500, withDataDir((dir) => chatTo(process.execPath, [bin, 'chat'], dir)));
await series('npm start, first start, to the first answer', 1500, withDataDir((dir) => chatTo('npm', ['start', '--silent'], dir)));
const kept = mkdtempSync(join(tmpdir(), 'pathwise-startup-'));
try {
  await chatTo(process.execPath, [bin, 'chat'], kept);
  await series('pathwise chat, later start, to the first answer', 1500, () => chatTo(process.execPath, [bin, 'chat'], kept));
  await series('npm start, later start, to the first answer', 1500, () => chatTo('npm', ['start', '--silent'], kept));
} finally {
  rmSync(kept, { recursive: true, force: true });
}
await series('first goal reply by meaning, from the message', 1500, withDataDir((dir) => timedReply(dir, 'package my service so it runs the same on every machine', (out) => /Docker/.test(out))));
await series("printf '' | npm start  (spawn to exit)", null, withDataDir((dir) => timed('npm', ['start', '--silent'], { input: '', env: { PATHWISE_DATA_DIR: dir } })));
