/**
 * Response data laid out for knowledge tracing: one skill at a time, one
 * sequence per (learner, skill), each in the learner's answer order. Plain
 * typed arrays, so the EM inner loop touches no per-row objects and a skill
 * can be posted to a worker thread as is.
 */

/** Every response of one skill, as back-to-back per-learner sequences. */
export interface SkillSequences {
  /** The skill id as written in the data (`skill_id` or `skill_name`). */
  skill: string;
  /** 1 = correct, 0 = incorrect; sequence k is `obs[starts[k] .. starts[k+1])`. */
  obs: Uint8Array;
  /** Sequence offsets into `obs`: length = number of sequences + 1, last = obs.length. */
  starts: Int32Array;
}

/** Rows of a response table, column-wise: learners and skills as indices into the id lists. */
export interface ResponseColumns {
  /** Number of rows. */
  length: number;
  user: Int32Array;
  skill: Int32Array;
  /** 1 = correct, 0 = incorrect. */
  correct: Uint8Array;
  /** Distinct skill ids in order of first appearance; `skill[i]` indexes it. */
  skillIds: string[];
  /** Number of distinct learners; `user[i]` is in [0, userCount). */
  userCount: number;
}

/**
 * Groups rows into per-skill sequences: all of a learner's answers on a skill
 * form one sequence, in row order, even when they are not contiguous in the
 * file (pyBKT groups the same way: stable sort by learner within each skill).
 * Skills come out in order of first appearance, and so do the sequences
 * within a skill; a skill's arrays own their buffers (cheap to post to a worker).
 */
export function groupBySkill(rows: ResponseColumns): SkillSequences[] {
  const n = rows.length;
  const nSkills = rows.skillIds.length;
  // 1. Sequence index of each row. Rows of a sequence are usually adjacent, so
  //    the map is only consulted when the (learner, skill) pair changes.
  const seqOfRow = new Int32Array(n);
  const keyToSeq = new Map<number, number>();
  let seqSkill: Int32Array = new Int32Array(1024);
  let seqLen: Int32Array = new Int32Array(1024);
  let nSeq = 0;
  let prevUser = -1;
  let prevSkill = -1;
  let prevSeq = -1;
  for (let i = 0; i < n; i++) {
    const u = rows.user[i]!;
    const s = rows.skill[i]!;
    let q = prevSeq;
    if (u !== prevUser || s !== prevSkill) {
      const key = u * nSkills + s;
      const found = keyToSeq.get(key);
      if (found === undefined) {
        q = nSeq++;
        if (q >= seqSkill.length) {
          seqSkill = grow(seqSkill);
          seqLen = grow(seqLen);
        }
        seqSkill[q] = s;
        keyToSeq.set(key, q);
      } else {
        q = found;
      }
      prevUser = u;
      prevSkill = s;
      prevSeq = q;
    }
    seqOfRow[i] = q;
    seqLen[q]!++;
  }
  // 2. Per skill: number of rows and sequences, then each sequence's offset.
  const skillRows = new Int32Array(nSkills);
  const skillSeqs = new Int32Array(nSkills);
  for (let q = 0; q < nSeq; q++) {
    const s = seqSkill[q]!;
    skillRows[s]! += seqLen[q]!;
    skillSeqs[s]!++;
  }
  const out: SkillSequences[] = rows.skillIds.map((skill, s) => ({
    skill,
    obs: new Uint8Array(skillRows[s]!),
    starts: new Int32Array(skillSeqs[s]! + 1),
  }));
  const seqPos = new Int32Array(nSeq); // next write position of each sequence in its skill's obs
  const seqCount = new Int32Array(nSkills);
  const filled = new Int32Array(nSkills);
  for (let q = 0; q < nSeq; q++) {
    const s = seqSkill[q]!;
    const o = out[s]!;
    o.starts[seqCount[s]!] = filled[s]!;
    seqPos[q] = filled[s]!;
    seqCount[s]!++;
    filled[s]! += seqLen[q]!;
  }
  for (let s = 0; s < nSkills; s++) out[s]!.starts[skillSeqs[s]!] = skillRows[s]!;
  // 3. Place every answer.
  for (let i = 0; i < n; i++) {
    const q = seqOfRow[i]!;
    out[seqSkill[q]!]!.obs[seqPos[q]!++] = rows.correct[i]!;
  }
  return out.filter((o) => o.obs.length > 0);
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
