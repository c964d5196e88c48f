/**
 * MongoDB for the store suites, when there is one: MONGODB_URL (read through
 * src/config.ts) names the server; each suite gets a database of its own,
 * dropped afterwards. Without MONGODB_URL the suites are skipped, visibly.
 */
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { loadConfig } from '../../src/config.ts';

export const mongoUrl: string | null = loadConfig().mongodbUrl;

export const MONGO_SKIP_NOTICE = 'skipped: MongoDB suites — set MONGODB_URL, e.g. docker compose up -d mongo, then MONGODB_URL=mongodb://127.0.0.1:27017/pathwise-test npm test';

/** The same server, a fresh database name. */
export function uniqueDatabaseUrl(url: string): string {
  const u = new URL(url);
  u.pathname = `/pathwise-test-${randomUUID().slice(0, 8)}`;
  return u.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  const conn = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    await conn.dropDatabase();
  } finally {
    await conn.close();
  }
}
