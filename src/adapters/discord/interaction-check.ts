/**
 * A sanity check of a raw `INTERACTION_CREATE` payload, before discord.js
 * builds it. discord.js reads a few fields without checking them (the
 * entitlements, the user or member, `data`, a button's message), and a
 * payload missing one makes it throw inside its gateway handler, where no
 * listener of ours can catch it and the person never gets an answer. The
 * adapter answers such a payload politely itself (it still has an id and a
 * token) and leaves it out of the coach. Pure.
 */
import { z } from 'zod';

const snowflake = z.string().regex(/^\d{1,21}$/);
const user = z.looseObject({ id: snowflake });
const option = z.looseObject({ name: z.string(), type: z.number().int() });

const base = z.looseObject({
  id: snowflake,
  token: z.string().min(1).max(1000),
  application_id: snowflake,
  entitlements: z.array(z.looseObject({ id: snowflake })),
  authorizing_integration_owners: z.record(z.string(), z.string()),
  user: user.optional(),
  member: z.looseObject({ user }).optional(),
});

const command = z.looseObject({ id: snowflake, name: z.string(), type: z.number().int(), options: z.array(option).optional() });

const byType = {
  2: z.looseObject({ data: command }),
  3: z.looseObject({
    data: z.looseObject({ custom_id: z.string(), component_type: z.number().int() }),
    message: z.looseObject({ id: snowflake, channel_id: snowflake }),
  }),
  4: z.looseObject({ data: command }),
  5: z.looseObject({ data: z.looseObject({ custom_id: z.string(), components: z.array(z.looseObject({ type: z.number().int() })).optional() }) }),
} as const;

/** Where an interaction payload can be answered: its id and token, when it has them. */
export interface AnswerableInteraction {
  id: string;
  token: string;
}

export type InteractionCheck = { ok: true } | { ok: false; reason: string; answerable: AnswerableInteraction | null };

/** Checks the fields discord.js needs to build an interaction; says what is wrong, and whether it can still be answered. */
export function checkInteraction(d: unknown): InteractionCheck {
  const raw = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
  const answerable =
    typeof raw.id === 'string' && /^\d{1,21}$/.test(raw.id) && typeof raw.token === 'string' && /^[\w.-]{1,500}$/.test(raw.token)
      ? { id: raw.id, token: raw.token }
      : null;
  const fail = (reason: string): InteractionCheck => ({ ok: false, reason, answerable });

  const type = raw.type;
  // Type 1 (PING) only comes over HTTP; other types discord.js ignores without throwing.
  if (typeof type !== 'number' || !(type in byType)) return { ok: true };
  const head = base.safeParse(d);
  if (!head.success) return fail(issue(head.error));
  if (!head.data.user && !head.data.member) return fail('no user or member');
  const body = byType[type as keyof typeof byType].safeParse(d);
  return body.success ? { ok: true } : fail(issue(body.error));
}

function issue(err: z.ZodError): string {
  const first = err.issues[0];
  return first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
}
