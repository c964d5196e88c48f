/**
 * The log never holds text the learner typed (issue #17, item 9): hostile
 * input through the real `pathwise chat` process at debug level, including
 * what makes a turn fail (unknown goals, bad options, operator-shaped JSON,
 * over-long messages), then the log file is searched for any of it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config.ts';
import { writeFixtureRoadmaps } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';

const MARK = 'Zq7secretDiary';
const hostile = [
  'hi',
  `my password is ${MARK}1 please remember`,
  `I want to learn ${MARK}2 underwater basket weaving`,
  `{"$gt": "${MARK}3"}`,
  `settings hour=${MARK}4 timezone=${MARK}5/Nowhere`,
  `/goal ${MARK}6`,
  `${MARK}7 `.repeat(400),
  `done ${MARK}8`,
  `quiz ${MARK}9`,
  `forget-me ${MARK}10`,
];

describe('the log', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('holds no text the learner typed, even when their input makes turns fail', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const data = join(t.dir, 'data');
    const env: Record<string, string | undefined> = { ...process.env, PATHWISE_DATA_DIR: data, PATHWISE_ROADMAPS: writeFixtureRoadmaps(join(t.dir, 'roadmaps')), PATHWISE_LOG_LEVEL: 'debug', PATHWISE_TIMEZONE: 'UTC' };
    const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin/pathwise.js'), 'chat'], { env, encoding: 'utf8', input: hostile.join('\n') + '\n', timeout: 60_000 });
    expect(r.status).toBe(0);
    const logFile = join(data, 'pathwise.log');
    expect(existsSync(logFile)).toBe(true);
    const log = readFileSync(logFile, 'utf8');
    expect(log).toMatch(/turn\.user_error/); // the hostile turns were logged, as events…
    expect(log).not.toContain(MARK); // …without a character of what was typed
    expect(log).not.toMatch(/password|underwater|basket|\$gt|Nowhere/);
  }, 90_000);
});
