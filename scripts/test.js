#!/usr/bin/env node
// The one test command (README, CI): type-check, lint, then the vitest suites.
// Server-backed suites start their own Redis on loopback (test/support/global-setup.ts);
// without redis-server they are skipped with a plain notice, and under CI=true that is a failure.
import { spawnSync } from 'node:child_process';

const steps = [
  ['type-check', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]],
];
for (const [name, cmd, args] of steps) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' } });
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
}
