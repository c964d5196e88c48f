/**
 * Claims an incoming platform event by its id, once: Slack re-sends an event
 * it believes failed, with the same `event_id`, possibly to another process
 * behind the same request URL. In memory for one process
 * (src/adapters/slack/event-dedup.ts), in Redis for several
 * (src/engines/redis/redis-event-dedup.ts).
 */
export interface EventDedup {
  /** True the first time `eventId` is seen within the time to live; false for every copy. */
  claim(eventId: string): Promise<boolean>;
}
