#!/usr/bin/env node
// Runs a TypeScript script (benchmarks, tools) with the same loader as bin/pathwise.js.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
const { register } = await import('tsx/esm/api');
register();
const file = process.argv[2];
if (!file) {
  console.error('usage: node bin/run-ts.js <script.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 1);
await import(pathToFileURL(resolve(file)).href);
