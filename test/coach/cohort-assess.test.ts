/**
 * `cohort assess <member> <skill> <level>` through the whole coach: a lead
 * records a member's skill for a member who shares; the member gets a note
 * in their DM and sees it in their profile beside their quiz results and in
 * their export; every refusal says why and changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationRef, Reply } from '../../src/core/chat/messages.ts';
import { learnerRecord } from '../contracts/learner-store.contract.ts';
import { buttonsOf, CoachHarness, textOf } from '../support/coach-harness.ts';
import { finishForget, type ForgetDeps } from '../../src/coach/forget-learner.ts';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import type { LearnerStore } from '../../src/core/ports/learner-store.port.ts';
import { tempDir } from '../support/temp-dir.ts';

let h: CoachHarness;
beforeEach(async () => {
  h = await CoachHarness.create({ user: 'lea' });
});
afterEach(async () => h.cleanup());

const ref = (user: string, channel = 'C1'): ConversationRef => ({ platform: 'slack', workspace: 'W1', channel, user });
const idOf = (user: string) => `slack:W1:${user}`;

async function as(user: string, what: string, opts: { admin?: boolean } = {}): Promise<{ text: string; replies: Reply[] }> {
  const replies = await h.coach.handle({ kind: 'command', name: 'cohort', text: what, from: ref(user), inChannel: true, ...(opts.admin ? { roles: { admin: true } } : {}) });
  return { text: textOf(replies), replies };
}

/** lea leads #C1; ana (shares), bo (does not) are members with some quiz history; dan is not a member. */
async function cohort(): Promise<void> {
  expect((await as('lea', 'create', { admin: true })).text).toContain('Cohort #C1 created');
  const at = '2026-03-01T10:00:00.000Z';
  for (const u of ['ana', 'bo', 'dan']) {
    await h.store.putLearner(learnerRecord(idOf(u), { conversation: ref(u, `D${u}`), goals: ['data-analyst'], mastery: { sql: { p: 0.3, attempts: 4, correct: 1, wrongStreak: 2, updatedAt: at } } }), null);
  }
  for (const u of ['ana', 'bo']) expect((await as(u, 'join')).text).toContain('You joined');
  expect((await as('ana', 'share on')).text).toContain('now see your progress');
}

const claimsOf = async (user: string) => (await h.store.getLearner(idOf(user)))?.claims;

describe('cohort assess', () => {
  it("records a lead's assessment for a member who shares, tells them in their DM, and shows it in their profile and export", async () => {
    await cohort();
    const r = await as('lea', 'assess <@ana> pandas core');
    expect(r.text).toContain('Recorded your assessment: @ana at core in Pandas (2026-03-02)');
    expect(r.replies[0]!.ephemeral).toBe(true);
    expect(await claimsOf('ana')).toEqual([{ concept: 'pandas', level: 'core', source: 'lead', at: '2026-03-02T08:00:00.000Z', by: idOf('lea') }]);

    // One note, to the member alone (their DM, not the channel).
    expect(h.gateway.sent).toHaveLength(1);
    const note = h.gateway.sent[0]!;
    expect(note.to).toEqual(ref('ana', 'Dana'));
    expect(textOf(note.reply)).toContain('@lea, a lead of #C1, assessed your Pandas at core (2026-03-02)');

    // A second assessment of another skill: the quiz still decides SQL, the lead's view is shown beside it.
    await as('lea', 'assess ana sql complete');
    const profile = textOf(await h.coach.handle({ kind: 'command', name: 'profile', text: '', from: ref('ana', 'Dana') }));
    expect(profile).toContain('• Pandas: core — assessed core by @lea (2026-03-02)');
    expect(profile).toContain('• SQL: none — quiz 30% after 4 answers (2026-03-01); also assessed complete by @lea (2026-03-02)');

    const exported = await h.coach.handle({ kind: 'command', name: 'export', text: '', from: ref('ana', 'Dana') });
    const file = exported.flatMap((x) => x.blocks).find((b) => b.kind === 'file') as { data: Uint8Array };
    const data = JSON.parse(new TextDecoder().decode(file.data)) as {
      learner: { claims: unknown[] };
      skillsProfile: { skills: { concept: string; level: string; sources: { kind: string; by?: string }[] }[]; claims: unknown[] };
    };
    expect(data.learner.claims).toHaveLength(2);
    expect(data.skillsProfile.claims).toHaveLength(2);
    expect(data.skillsProfile.skills.find((s) => s.concept === 'pandas')).toMatchObject({ level: 'core', sources: [{ kind: 'lead', by: idOf('lea') }] });
  });

  it("a lead who asks to be forgotten leaves the member's assessment in place, no longer in their name", async () => {
    await cohort();
    await as('lea', 'assess ana pandas core');
    await h.coach.handle({ kind: 'command', name: 'forget-me', text: '', from: ref('lea', 'Dlea') });
    await h.coach.handle({ kind: 'action', action: 'forget.confirm', value: 'yes', from: ref('lea', 'Dlea') });
    expect(await h.store.getLearner(idOf('lea'))).toBeNull();
    expect(await claimsOf('ana')).toEqual([{ concept: 'pandas', level: 'core', source: 'lead', at: '2026-03-02T08:00:00.000Z' }]);
    const profile = textOf(await h.coach.handle({ kind: 'command', name: 'profile', text: '', from: ref('ana', 'Dana') }));
    expect(profile).toContain('• Pandas: core — assessed core by a lead (2026-03-02)');
    expect(profile).not.toContain('@lea');
    const exported = await h.coach.handle({ kind: 'command', name: 'export', text: '', from: ref('ana', 'Dana') });
    const file = exported.flatMap((x) => x.blocks).find((b) => b.kind === 'file') as { data: Uint8Array };
    expect(new TextDecoder().decode(file.data)).not.toContain(idOf('lea'));
    // The note's delivery record, kept for the member, does not name the lead either.
    const deliveries = await Promise.all([h.store.getDelivery(`assess:pandas:${idOf('lea')}:2026-03-02T08:00:00.000Z:ana`)]);
    expect(deliveries).toEqual([null]);
  });

  it('unnames the lead in every record, past the first page of 500 learners', async () => {
    await cohort();
    await as('lea', 'assess ana pandas core');
    const claim = { concept: 'sql', level: 'core' as const, source: 'lead' as const, at: '2026-03-01T10:00:00.000Z', by: idOf('lea') };
    const ids = Array.from({ length: 520 }, (_, i) => `slack:W1:zz${String(i).padStart(4, '0')}`);
    for (const id of ids) await h.store.putLearner({ ...learnerRecord(id), claims: [claim] }, null);
    await h.coach.handle({ kind: 'command', name: 'forget-me', text: '', from: ref('lea', 'Dlea') });
    await h.coach.handle({ kind: 'action', action: 'forget.confirm', value: 'yes', from: ref('lea', 'Dlea') });
    for (const id of [ids[0]!, ids[499]!, ids[519]!]) expect((await h.store.getLearner(id))!.claims, id).toEqual([{ concept: 'sql', level: 'core', source: 'lead', at: claim.at }]);
  });

  it("forget-me reads other learners' records to unname assessments only for someone who ever assessed (or whose record predates knowing)", async () => {
    await cohort();
    await as('lea', 'assess ana pandas core');
    // cy only ever talked to the coach; ana's record predates the flag (written without it); lea assessed ana.
    await h.coach.handle({ kind: 'text', text: 'hi', from: ref('cy', 'Dcy') });
    expect((await h.store.getLearner(idOf('cy')))!.assessedOthers).toBe(false);
    expect((await h.store.getLearner(idOf('lea')))!.assessedOthers).toBe(true);
    const watched = () => {
      const seen = { reads: [] as string[], listed: 0 };
      const store: ForgetDeps['store'] = {
        getLearner: (id) => (seen.reads.push(id), h.store.getLearner(id)),
        listLearnerIds: (after, limit) => (seen.listed++, h.store.listLearnerIds(after, limit)),
        putLearner: (l, v) => h.store.putLearner(l, v),
        forgetLearner: (id) => h.store.forgetLearner(id),
      };
      return { seen, deps: { store, scheduler: { cancelPrefix: async () => 0 } } satisfies ForgetDeps };
    };
    const cy = watched();
    await finishForget(cy.deps, idOf('cy'));
    expect(cy.seen).toEqual({ reads: [idOf('cy')], listed: 0 });
    expect(await h.store.getLearner(idOf('cy'))).toBeNull();
    const ana = watched();
    await finishForget(ana.deps, idOf('ana'));
    expect(ana.seen.listed).toBe(1);
    const lea = watched();
    await finishForget(lea.deps, idOf('lea'));
    expect(lea.seen.listed).toBe(1);
    expect(lea.seen.reads).toContain(idOf('bo'));
  });

  it("an assessment whose turn fails to save the lead's record leaves no name that the lead's forget-me would skip", async () => {
    // The lead's record is the turn's commit point; here it fails once (a full disk, a store down) after the checks passed.
    await h.cleanup();
    const t = tempDir();
    const real = await NedbLearnerStore.open(t.dir);
    let failLead = false;
    const store = new Proxy(real, {
      get(target, key, receiver) {
        if (key === 'putLearner') {
          return async (...args: Parameters<LearnerStore['putLearner']>) => {
            if (failLead && args[0].learnerId === idOf('lea')) {
              failLead = false;
              throw new Error('disk full');
            }
            return target.putLearner(...args);
          };
        }
        const v = Reflect.get(target, key, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    }) as LearnerStore;
    h = await CoachHarness.create({ user: 'lea', store, dir: t.dir });
    await cohort();
    failLead = true;
    expect((await as('lea', 'assess ana pandas core')).text).toMatch(/something went wrong/);
    const named = (await claimsOf('ana'))?.some((c) => c.by === idOf('lea')) ?? false;
    // Either nothing names the lead, or the lead's record says they assessed (so forget-me unnames them).
    expect(named && (await h.store.getLearner(idOf('lea')))!.assessedOthers === false).toBe(false);
    await h.coach.handle({ kind: 'command', name: 'forget-me', text: '', from: ref('lea', 'Dlea') });
    await h.coach.handle({ kind: 'action', action: 'forget.confirm', value: 'yes', from: ref('lea', 'Dlea') });
    expect(await h.store.getLearner(idOf('lea'))).toBeNull();
    expect((await claimsOf('ana'))?.some((c) => c.by === idOf('lea')) ?? false).toBe(false);
    await h.cleanup();
    t.remove();
    h = await CoachHarness.create({ user: 'lea' });
  });

  it('reads a skill name that is not exact as the closest one, says so, and records only once the lead confirms', async () => {
    await cohort();
    const r = await as('lea', 'assess ana panda overview');
    expect(r.text).toContain('I read "panda" as Pandas. Record @ana at overview in Pandas?');
    expect(await claimsOf('ana')).toBeUndefined();
    const yes = buttonsOf(r.replies).find((b) => b.label.startsWith('Yes, Pandas at overview'))!;
    const done = textOf(await h.coach.handle({ kind: 'action', action: yes.action, value: yes.value, from: ref('lea'), inChannel: true }));
    expect(done).toContain('Recorded your assessment: @ana at overview in Pandas');
    expect(await claimsOf('ana')).toMatchObject([{ concept: 'pandas', level: 'overview', source: 'lead' }]);
  });

  it('refuses, saying why and changing nothing: not a lead, not a member, not sharing, oneself, unknown skill, bad level, missing parts', async () => {
    await cohort();
    const refusals: [string, string, string][] = [
      ['bo', 'assess ana sql core', "Only a lead of this channel's cohort can assess"],
      ['lea', 'assess dan sql core', "not a member of this channel's cohort"],
      ['lea', 'assess ghost sql core', "not a member of this channel's cohort"],
      ['lea', 'assess bo sql core', 'has not opted in to sharing their progress'],
      ['lea', 'assess lea sql core', "can't assess your own skills"],
      ['lea', 'assess ana quantum basketweaving core', `I don't know a skill called "quantum basketweaving"`],
      ['lea', 'assess ana sql guru', '"guru" is not a level. Levels: none, overview'],
      ['lea', 'assess ana', 'Say "cohort assess <member> <skill> <level>"'],
    ];
    for (const [who, what, says] of refusals) expect((await as(who, what)).text, what).toContain(says);
    for (const u of ['ana', 'bo', 'dan']) expect(await claimsOf(u)).toBeUndefined();
    expect(h.gateway.sent).toHaveLength(0);
    // Not in a cohort's channel at all.
    const elsewhere = textOf(await h.coach.handle({ kind: 'command', name: 'cohort', text: 'assess ana sql core', from: ref('lea', 'C9'), inChannel: true }));
    expect(elsewhere).toContain('This channel has no cohort');
  });

  it('a lead granted the role may assess too, and a newer assessment by the same lead replaces the older', async () => {
    await cohort();
    await as('lea', 'grant-lead <@bo>');
    await as('bo', 'assess ana pandas overview');
    h.clock.advance(60_000);
    await as('bo', 'assess ana pandas complete');
    await as('lea', 'assess ana pandas core');
    expect((await claimsOf('ana'))!.map((c) => [c.by, c.level])).toEqual([
      [idOf('bo'), 'complete'],
      [idOf('lea'), 'core'],
    ]);
  });
});
