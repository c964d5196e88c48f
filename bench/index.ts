/**
 * `npm run bench`: runs every benchmark in bench/, one process each (so one
 * run's heap and JIT state cannot colour the next), in a fixed order, and
 * passes extra arguments through. `npm run bench -- goal plan` runs only those.
 * Each script prints the machine it ran on and its own figures; the README
 * quotes them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const ALL = ['startup', 'goal', 'plan', 'kt', 'fanout', 'delivery-cost', 'cohort', 'sim', 'policy', 'bandit', 'fsrs-fit'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : ALL;
let failed = 0;
for (const name of names) {
  const file = join(here, `${name}.bench.ts`);
  if (!existsSync(file)) {
    console.log(`\n=== ${name}: no bench/${name}.bench.ts, skipped`);
    continue;
  }
  console.log(`\n=== ${name} (bench/${name}.bench.ts)`);
  const r = spawnSync(process.execPath, [join(here, '..', 'bin', 'run-ts.js'), file], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`=== ${name} exited ${r.status ?? r.signal}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
