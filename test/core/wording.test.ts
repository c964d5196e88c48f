/** The wording helpers (src/core/text/wording.ts) on the words messages use. */
import { describe, expect, it } from 'vitest';
import { aboutDuration, article, clockTime, dateWithWeekday, minutesText, noun, plural, weekdayName, withArticle } from '../../src/core/text/wording.ts';

describe('wording', () => {
  it('counts with the right plural', () => {
    expect(plural(1, 'question')).toBe('1 question');
    expect(plural(3, 'question')).toBe('3 questions');
    expect(plural(0, 'step')).toBe('0 steps');
    expect(plural(21, 'step')).toBe('21 steps');
    expect(plural(1200, 'card')).toBe('1,200 cards');
    expect(plural(2, 'cohort membership')).toBe('2 cohort memberships');
    expect(plural(2, 'person', 'people')).toBe('2 people');
    expect(noun(1, 'review')).toBe('review');
  });

  it('picks a or an by sound', () => {
    expect(withArticle('article')).toBe('an article');
    expect(withArticle('exercise')).toBe('an exercise');
    expect(withArticle('interactive')).toBe('an interactive');
    expect(withArticle('video')).toBe('a video');
    expect(withArticle('course')).toBe('a course');
    expect(article('hour')).toBe('an');
    expect(article('university')).toBe('a');
    expect(article('one-off')).toBe('a');
  });

  it('writes durations in minutes, hours and days', () => {
    expect(minutesText(45)).toBe('45 min');
    expect(minutesText(60)).toBe('1 h');
    expect(minutesText(150)).toBe('2 h 30 min');
    expect(aboutDuration(45)).toBe('45 minutes');
    expect(aboutDuration(1)).toBe('1 minute');
    expect(aboutDuration(60)).toBe('1 hour');
    expect(aboutDuration(150)).toBe('2.5 hours');
    expect(aboutDuration(160)).toBe('about 2.5 hours');
    expect(aboutDuration(17300)).toBe('about 288 hours');
  });

  it('names weekdays and times', () => {
    expect([0, 1, 5, 6].map(weekdayName)).toEqual(['Sunday', 'Monday', 'Friday', 'Saturday']);
    expect(clockTime(9)).toBe('09:00');
    expect(clockTime(16, 30)).toBe('16:30');
    // A date's own weekday, whatever the zone the process runs in: 2026-03-03 was a Tuesday, 2026-03-08 a Sunday.
    expect([dateWithWeekday('2026-03-03'), dateWithWeekday('2026-03-08')]).toEqual(['Tue 2026-03-03', 'Sun 2026-03-08']);
  });
});
