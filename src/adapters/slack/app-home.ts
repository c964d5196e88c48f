/**
 * The learner's App Home tab: published from the coach's dashboard when they
 * open it, and again whenever it changed after something they did (a goal
 * set, a quiz answered), so it is never stale. The last view published per
 * person is remembered (bounded) so an unchanged Home is not re-sent.
 */
import type { webApi } from '@slack/bolt';
import type { ConversationRef, Reply } from '../../core/chat/messages.ts';
import { text } from '../../core/chat/messages.ts';
import { renderHomeView } from './block-kit.ts';

type WebClient = webApi.WebClient;

const WELCOME_HOME: Reply = {
  blocks: [
    text('**Welcome to Pathwise**, your learning coach.'),
    text('Tell me what you want to learn in a direct message ("I want to learn docker"), or type `/pathwise help`.'),
  ],
};

const MAX_REMEMBERED = 5_000;

export class AppHome {
  private readonly published = new Map<string, string>();

  constructor(private readonly client: WebClient) {}

  /** Publishes `who`'s Home from `dashboard` (a welcome when it has none); unless `force`, only when it changed. */
  async publish(dashboard: (who: ConversationRef) => Promise<Reply | null>, who: ConversationRef, force: boolean): Promise<void> {
    const view = renderHomeView((await dashboard(who)) ?? WELCOME_HOME);
    const key = `${who.workspace}:${who.user}`;
    const json = JSON.stringify(view);
    if (!force && this.published.get(key) === json) return;
    await this.client.views.publish({ user_id: who.user, view });
    this.published.delete(key);
    this.published.set(key, json);
    if (this.published.size > MAX_REMEMBERED) {
      const oldest = this.published.keys().next();
      if (!oldest.done) this.published.delete(oldest.value);
    }
  }
}
