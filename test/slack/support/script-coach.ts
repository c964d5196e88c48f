/**
 * A tiny stand-in with the coach's shape, `(incoming) => Promise<Reply[]>`
 * plus `home`, for testing the adapter on its own: it records what arrives and
 * answers like the coach does (goal offered with a confirm button, a plan, a
 * quiz whose answer replaces the question and moves mastery).
 */
import type { CommandSpec } from '../../../src/adapters/slack/command-spec.ts';
import type { SlackCoach } from '../../../src/adapters/slack/slack.adapter.ts';
import type { ConversationRef, Incoming, Reply } from '../../../src/core/chat/messages.ts';
import { text } from '../../../src/core/chat/messages.ts';
import { UserError } from '../../../src/core/errors.ts';

export const TEST_COMMANDS: CommandSpec[] = [
  { name: 'goal', description: 'Set what you want to learn', options: [{ name: 'goal', description: 'In your own words', type: 'string', required: true }] },
  { name: 'quiz', description: 'A quick question on what you are learning', options: [{ name: 'topic', description: 'Concept to practise', type: 'string' }] },
  { name: 'progress', description: 'What you know so far' },
  {
    name: 'settings',
    description: 'Time zone, daily hour, pause',
    options: [
      { name: 'timezone', description: 'IANA time zone, e.g. Europe/Berlin', type: 'string' },
      { name: 'hour', description: 'Local hour for the daily task (0-23)', type: 'integer', min: 0, max: 23 },
      { name: 'paused', description: 'Pause daily messages', type: 'boolean' },
    ],
  },
];

interface LearnerState {
  goal: string | null;
  mastery: number;
}

export class ScriptCoach implements SlackCoach {
  readonly commands = TEST_COMMANDS;
  readonly received: Incoming[] = [];
  readonly state = new Map<string, LearnerState>();
  /** Milliseconds each `handle` waits before answering (slow work). */
  delayMs = 0;
  /** Thrown by the next `handle`. */
  failNext: Error | null = null;

  private learner(who: ConversationRef): LearnerState {
    const key = `${who.workspace}:${who.user}`;
    let s = this.state.get(key);
    if (!s) {
      s = { goal: null, mastery: 0.2 };
      this.state.set(key, s);
    }
    return s;
  }

  async handle(incoming: Incoming): Promise<Reply[]> {
    this.received.push(incoming);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failNext) {
      const err = this.failNext;
      this.failNext = null;
      throw err;
    }
    const s = this.learner(incoming.from);
    const offer = (goal: string): Reply[] => [
      {
        blocks: [
          text(`Do you mean **${goal}**?`),
          { kind: 'buttons', buttons: [{ action: 'goal.confirm', value: goal, label: 'Yes', style: 'primary' }, { action: 'goal.reject', value: goal, label: 'No' }] },
        ],
      },
    ];
    switch (incoming.kind) {
      case 'text':
        if (/learn (\w+)/i.test(incoming.text)) return offer(/learn (\w+)/i.exec(incoming.text)![1]!.toLowerCase());
        return [{ blocks: [text(`You said: ${incoming.text}`)] }];
      case 'command':
        if (incoming.name === 'goal') {
          const goal = (incoming.options?.goal === undefined ? incoming.text : String(incoming.options.goal)).replace(/^learn\s+/i, '');
          if (!goal) throw new UserError('NO_GOAL', 'Tell me what you want to learn.');
          return offer(goal.toLowerCase());
        }
        if (incoming.name === 'quiz') {
          return [
            {
              ephemeral: incoming.inChannel,
              blocks: [
                text('What is a Docker image?'),
                {
                  kind: 'buttons',
                  buttons: [
                    { action: 'quiz.answer', value: 'q1:0', label: 'A running process' },
                    { action: 'quiz.answer', value: 'q1:1', label: 'A container image' },
                  ],
                },
              ],
            },
          ];
        }
        if (incoming.name === 'progress') return [{ ephemeral: incoming.inChannel, blocks: [{ kind: 'progress', label: 'docker', value: s.mastery }] }];
        return [{ blocks: [text(`${incoming.name}: ${JSON.stringify(incoming.options ?? {})}`)] }];
      case 'action':
        if (incoming.action === 'goal.confirm') {
          s.goal = incoming.value;
          return [{ replaceOriginal: true, blocks: [text(`Goal set: **${incoming.value}**.`)] }, { blocks: [text('Your plan: 1. Containers 101 (20 min)')] }];
        }
        if (incoming.action === 'quiz.answer') {
          const right = incoming.value === 'q1:1';
          s.mastery = right ? 0.6 : 0.1;
          return [{ replaceOriginal: true, blocks: [text(right ? '✅ Correct! An image is the template a container runs from.' : '❌ Not quite.')] }];
        }
        return [];
    }
  }

  async home(who: ConversationRef): Promise<Reply | null> {
    const s = this.state.get(`${who.workspace}:${who.user}`);
    if (!s?.goal) return null;
    return { blocks: [text(`Goal: **${s.goal}**`), text('Next: Containers 101'), { kind: 'progress', label: 'docker', value: s.mastery }] };
  }
}
