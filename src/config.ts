/**
 * The only module that reads the environment. `main` calls {@link loadConfig}
 * once and hands the pieces to whatever needs them. Secrets live here and are
 * never logged; a wrong setting is reported by its variable's name, never its value.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import type { ErrorCode } from './core/errors.ts';
import { isValidTimeZone } from './core/schedule/daily-time.ts';

import { PACKAGE_ROOT } from './package-root.ts';

export { PACKAGE_ROOT };

const envSchema = z.object({
  PATHWISE_ROADMAPS: z.string().min(1).optional(),
  PATHWISE_DATA_DIR: z.string().min(1).optional(),
  PATHWISE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  /** Production store: a MongoDB connection string; unset means the embedded store. */
  MONGODB_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional(),
  /** Production scheduler: a Redis connection string; unset means the in-process scheduler. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  /** Key prefix of the BullMQ queues in Redis (several deployments can share one Redis). */
  PATHWISE_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').optional(),
  /** Jobs one `pathwise worker` process runs at once. */
  PATHWISE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).optional(),
  /** Time zone proposed to new terminal learners (default: the machine's). */
  PATHWISE_TIMEZONE: z.string().min(1).refine(isValidTimeZone, 'must be an IANA time zone name, e.g. Europe/Berlin').optional(),
  /** Concept → fitted-skill mapping file (see README, "Fitting knowledge-tracing parameters"). */
  PATHWISE_KT_MAPPING: z.string().min(1).optional(),
  /** The learned teaching policy's file (default: the shipped policies/teaching-policy.json); `off` for the rules alone. */
  PATHWISE_TEACHING_POLICY: z.string().min(1).optional(),
  DISCORD_TOKEN: z.string().trim().min(20, 'must be a bot token from the Developer Portal').optional(),
  DISCORD_APPLICATION_ID: z.string().regex(/^\d{15,21}$/, 'must be the numeric application id').optional(),
  DISCORD_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  DISCORD_GUILD_ID: z.string().regex(/^\d{15,21}$/, 'must be a numeric server (guild) id').optional(),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must be a bot token (xoxb-…)').optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token (xapp-…)').optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  SLACK_PORT: z.coerce.number().int().min(0).max(65535).optional(),
});

export interface Config {
  roadmapsDir: string;
  dataDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Set: learners live in MongoDB (src/engines/mongo). Null: the embedded store under dataDir. */
  mongodbUrl: string | null;
  /** Set: jobs run on BullMQ (src/engines/bullmq). Null: the in-process scheduler. */
  redisUrl: string | null;
  queue: { prefix: string; concurrency: number };
  /** IANA zone to propose at onboarding in the terminal; null: the machine's zone. */
  timezone: string | null;
  /** Mapping file that gives concepts BKT parameters fitted by `pathwise kt fit`; null: difficulty-based defaults. */
  ktMappingFile: string | null;
  /**
   * The learned teaching policy's file (src/core/sim/learned-policy.ts); null or
   * absent: the adaptation rules alone. {@link loadConfig} defaults it to the
   * shipped file; a missing file also means the rules.
   */
  teachingPolicyFile?: string | null;
  /** Always set by {@link loadConfig}; optional so configurations built by hand (tests of other adapters) need not name it. */
  discord?: DiscordConfig;
  /** Always set by {@link loadConfig}; optional so configurations built by hand (tests, other entry points) need not name it. */
  slack?: SlackConfig;
}

/**
 * Discord settings. The token is a secret: it goes to discord.js and nowhere
 * else (never a log line, never an error message).
 */
export interface DiscordConfig {
  token?: string;
  applicationId?: string;
  /** REST base without the version, e.g. `https://discord.com/api`; a REST proxy or a loopback fake in tests. */
  apiUrl: string;
  /** Server to register commands in when `pathwise discord register` is given no `--guild`. */
  guildId?: string;
}

/**
 * Slack settings. Socket Mode when `appToken` is set, otherwise HTTP with
 * request signing on `port`. The tokens and the signing secret are secrets.
 */
export interface SlackConfig {
  botToken?: string;
  signingSecret?: string;
  appToken?: string;
  /** Web API base, ending in `/api/`; only tests point it elsewhere (a loopback fake). */
  apiUrl: string;
  /** HTTP mode's listening port. */
  port: number;
}

export class ConfigError extends Error {
  readonly code: ErrorCode = 'CONFIG_INVALID';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Name the variables, never echo their values (they may be secrets).
    const names = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ');
    throw new ConfigError(`configuration is invalid: ${names}`);
  }
  const e = parsed.data;
  return {
    roadmapsDir: resolve(e.PATHWISE_ROADMAPS ?? resolve(PACKAGE_ROOT, 'roadmaps')),
    dataDir: resolve(e.PATHWISE_DATA_DIR ?? '.pathwise'),
    logLevel: e.PATHWISE_LOG_LEVEL ?? 'info',
    mongodbUrl: e.MONGODB_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    queue: { prefix: e.PATHWISE_QUEUE_PREFIX ?? 'pathwise', concurrency: e.PATHWISE_WORKER_CONCURRENCY ?? 20 },
    timezone: e.PATHWISE_TIMEZONE ?? null,
    ktMappingFile: e.PATHWISE_KT_MAPPING ? resolve(e.PATHWISE_KT_MAPPING) : null,
    teachingPolicyFile: e.PATHWISE_TEACHING_POLICY === 'off' ? null : resolve(e.PATHWISE_TEACHING_POLICY ?? resolve(PACKAGE_ROOT, 'policies', 'teaching-policy.json')),
    discord: {
      ...(e.DISCORD_TOKEN ? { token: e.DISCORD_TOKEN } : {}),
      ...(e.DISCORD_APPLICATION_ID ? { applicationId: e.DISCORD_APPLICATION_ID } : {}),
      apiUrl: (e.DISCORD_API_URL ?? 'https://discord.com/api').replace(/\/+$/, ''),
      ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}),
    },
    slack: {
      ...(e.SLACK_BOT_TOKEN ? { botToken: e.SLACK_BOT_TOKEN } : {}),
      ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
      ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
      apiUrl: withTrailingSlash(e.SLACK_API_URL ?? 'https://slack.com/api/'),
      port: e.SLACK_PORT ?? 3000,
    },
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
