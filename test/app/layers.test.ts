/**
 * The layer rule that `npm run lint` enforces (eslint-layers.js), checked on
 * the imports it must refuse and those it must allow.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module beside eslint.config.js, without types.
import { layerViolation } from '../../eslint-layers.js';

const why = layerViolation as (from: string, specifier: string) => string | null;

describe('layer rule', () => {
  it('keeps the core pure: nothing outside src/core, by where the path lands', () => {
    expect(why('src/core/plan/planner.ts', '../kt/bkt.ts')).toBeNull();
    expect(why('src/core/plan/planner.ts', '../../coach/coach.ts')).toMatch(/src\/core imports nothing outside src\/core/);
    expect(why('src/core/errors.ts', '../config.ts')).toMatch(/outside src\/core/);
  });

  it('lets only adapters import platform SDKs and only engines import engine libraries', () => {
    for (const sdk of ['discord.js', '@discordjs/rest', '@slack/bolt', '@slack/web-api']) {
      expect(why('src/adapters/slack/x.ts', sdk)).toBeNull();
      expect(why('src/app/root.ts', sdk)).toMatch(/platform SDK/);
      expect(why('src/core/x.ts', sdk)).toMatch(/platform SDK/);
    }
    for (const lib of ['mongoose', 'bullmq', 'ioredis']) {
      expect(why('src/engines/bullmq/x.ts', lib)).toBeNull();
      expect(why('src/adapters/discord/x.ts', lib)).toMatch(/engine/);
      expect(why('src/cli/jobs.cli.ts', lib)).toMatch(/engine/);
    }
  });

  it('keeps the composition root independent of the entry points', () => {
    expect(why('src/app/root.ts', '../cli/cli.ts')).toMatch(/composition root/);
    expect(why('src/cli/chat.cli.ts', '../app/root.ts')).toBeNull();
  });
});
