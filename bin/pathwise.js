#!/usr/bin/env node
// Entry for the `pathwise` command. Pathwise runs its TypeScript sources
// directly through tsx's loader, so there is no build step to forget.
const { register } = await import('tsx/esm/api');
register();
await import('../src/main.ts');
