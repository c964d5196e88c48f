#!/usr/bin/env node
// The one test command (README, CI): type-check, lint, then the vitest suites.
// Server-backed suites start their own Redis on loopback (test/support/global-setup.ts);
// without redis-server they are skipped with a plain notice, and under CI=true that is a failure.
// The MongoDB suites run when MONGODB_URL is set; otherwise the summary says they were skipped.
import { spawnSync } from 'node:child_process';

const steps = [
  ['type-check', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]],
];
const env = process.env;
for (const [name, cmd, args] of steps) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
}

const skipped = [];
if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) {
  skipped.push('Redis/BullMQ suites: redis-server is not installed (apt-get install -y redis-server)');
}
if (!process.env.MONGODB_URL) {
  skipped.push('MongoDB suites: MONGODB_URL is not set (docker compose up -d mongo, then MONGODB_URL=mongodb://127.0.0.1:27017/pathwise-test npm test)');
}
console.log('\n✔ type-check, lint and tests passed.');
for (const s of skipped) console.log(`  skipped: ${s}`);
