/** The terminal shows the people and channel a message names by name: no platform markup, no ids. */
import { describe, expect, it } from 'vitest';
import { renderReplies } from '../../src/adapters/terminal/terminal-render.ts';
import { mentioning, mentionUser } from '../../src/core/chat/messages.ts';
import { cohortPost } from '../support/cohort-post.ts';

describe('mentions in the terminal', () => {
  it('a cohort post names its channel and members by name', async () => {
    const { text } = renderReplies([await cohortPost({ platform: 'terminal', workspace: 'local', channel: 'team', user: 'lea' }, ['ada', 'bo', 'cy'])]);
    expect(text).toContain('📊 #team in the week to Sun 2026-03-08');
    expect(text).toContain('🎉 Well done: ada (1 step), bo (1 step), cy (1 step).');
    expect(text).not.toMatch(/<[@#]/);
  });

  it('a mention with a known name shows the name', () => {
    const { text } = renderReplies([{ blocks: [mentioning`${mentionUser('U0PWUSER01', 'Ada Lovelace')} is now a lead.`] }]);
    expect(text).toBe('Ada Lovelace is now a lead.');
  });
});
