/**
 * Reads learners' responses from CSV: a header naming `user_id`, `skill_id`
 * (or `skill_name`) and `correct`, then one row per answer in each learner's
 * answer order. Other columns are ignored. Quoted fields (RFC 4180), CRLF
 * line ends, a UTF-8 byte-order mark and blank lines are accepted.
 *
 * Bad rows (a missing or empty field, `correct` other than 0 or 1) are never
 * skipped silently: the whole file is refused with a {@link ContentError}
 * naming each bad row's line, up to {@link MAX_LISTED_ISSUES}, plus a count of
 * the rest.
 *
 * Parses bytes directly into typed columns: no per-row objects or strings
 * (a learner or skill id is only decoded when it differs from the previous
 * row's, which in grouped data is rare).
 */
import { plural } from '../core/text/wording.ts';
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { ContentError, type ContentIssue } from '../core/errors.ts';
import type { ResponseColumns } from '../core/kt/sequences.ts';

/** Bad rows listed one by one in the error; the rest are counted. */
export const MAX_LISTED_ISSUES = 20;

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const ZERO = 0x30;
const ONE = 0x31;

/** How a file is named in errors: relative to the working directory when inside it, else as given. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Reads and parses a response CSV file; `display` names it in errors (default: {@link displayPath}). */
export function readResponsesCsv(path: string, display: string = displayPath(path)): ResponseColumns {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new ContentError([{ file: display, path: '', code: 'NOT_FOUND', reason: `cannot read response file: ${(cause as Error).message}` }]);
  }
  return parseResponsesCsv(bytes, display);
}

/** One field of the current record: byte range, or a decoded string when it was quoted. */
interface FieldRef {
  start: number;
  end: number;
  text: string | null;
}

/** Parses response CSV bytes; `file` names the source in errors. */
export function parseResponsesCsv(input: Uint8Array, file: string): ResponseColumns {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const len = buf.length;
  let pos = len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let line = 1;
  const issues: ContentIssue[] = [];
  let badRows = 0;
  const report = (issue: ContentIssue): void => {
    badRows++;
    if (issues.length < MAX_LISTED_ISSUES) issues.push(issue);
  };

  // Reads one field starting at `pos`; leaves `pos` on the delimiter (or len).
  const field = (out: FieldRef | null): void => {
    if (buf[pos] === QUOTE) {
      const open = line;
      let text = '';
      let from = ++pos;
      for (;;) {
        if (pos >= len) {
          report({ file, path: '', line: open, code: 'UNTERMINATED_QUOTE', reason: 'quoted field never closed' });
          break;
        }
        const b = buf[pos]!;
        if (b === QUOTE) {
          if (buf[pos + 1] === QUOTE) {
            text += buf.toString('utf8', from, pos + 1);
            pos += 2;
            from = pos;
            continue;
          }
          text += buf.toString('utf8', from, pos);
          pos++;
          break;
        }
        if (b === LF) line++;
        pos++;
      }
      // Anything between the closing quote and the delimiter is kept, as most readers do.
      const tail = pos;
      while (pos < len && buf[pos] !== COMMA && buf[pos] !== LF && buf[pos] !== CR) pos++;
      if (out) {
        out.text = pos > tail ? text + buf.toString('utf8', tail, pos) : text;
        out.start = out.end = -1;
      }
      return;
    }
    const start = pos;
    while (pos < len) {
      const b = buf[pos]!;
      if (b === COMMA || b === LF || b === CR) break;
      pos++;
    }
    if (out) {
      out.start = start;
      out.end = pos;
      out.text = null;
    }
  };
  // After a field: true when the record goes on (skips the comma), false at its end (skips the line end).
  const next = (): boolean => {
    if (pos < len && buf[pos] === COMMA) {
      pos++;
      return true;
    }
    if (pos < len && buf[pos] === CR) pos++;
    if (pos < len && buf[pos] === LF) pos++;
    line++;
    return false;
  };
  const fieldText = (f: FieldRef): string => (f.text ?? buf.toString('utf8', f.start, f.end)).trim();

  // Header.
  const header: string[] = [];
  const h: FieldRef = { start: 0, end: 0, text: null };
  if (pos < len) {
    do {
      field(h);
      header.push(fieldText(h));
    } while (next());
  }
  const col = (name: string): number => header.indexOf(name);
  const userCol = col('user_id');
  const skillCol = col('skill_id') >= 0 ? col('skill_id') : col('skill_name');
  const correctCol = col('correct');
  const missing = [userCol < 0 && 'user_id', skillCol < 0 && 'skill_id (or skill_name)', correctCol < 0 && 'correct'].filter(Boolean);
  if (missing.length > 0) {
    throw new ContentError([
      {
        file,
        path: 'header',
        line: 1,
        code: 'MISSING_COLUMN',
        reason: `header must name user_id, skill_id (or skill_name) and correct; missing ${missing.join(', ')} (found: ${header.join(',') || 'nothing'})`,
      },
    ]);
  }
  const names = { [userCol]: 'user_id', [skillCol]: header[skillCol]!, [correctCol]: 'correct' };
  const lastNeeded = Math.max(userCol, skillCol, correctCol);

  let cap = Math.max(1024, Math.ceil(len / 8));
  let user: Int32Array = new Int32Array(cap);
  let skill: Int32Array = new Int32Array(cap);
  let correct: Uint8Array = new Uint8Array(cap);
  let n = 0;
  const userIndex = new Map<string, number>();
  const skillIndex = new Map<string, number>();
  const skillIds: string[] = [];
  const uf: FieldRef = { start: 0, end: 0, text: null };
  const sf: FieldRef = { start: 0, end: 0, text: null };
  const cf: FieldRef = { start: 0, end: 0, text: null };
  // The previous row's id bytes, to skip decoding an id that did not change.
  const prevUser: PrevId = { start: -1, end: -1, index: -1 };
  const prevSkill: PrevId = { start: -1, end: -1, index: -1 };

  while (pos < len) {
    const rowLine = line;
    const rowStart = pos;
    let f = 0;
    let more: boolean;
    do {
      field(f === userCol ? uf : f === skillCol ? sf : f === correctCol ? cf : null);
      f++;
      more = next();
    } while (more);
    if (f === 1 && onlySpace(buf, rowStart, pos)) continue; // blank line
    if (f <= lastNeeded) {
      const absent = [userCol, skillCol, correctCol].filter((c) => c >= f).map((c) => names[c]);
      report({ file, path: absent.join(', '), line: rowLine, code: 'MISSING_FIELD', reason: `row has ${f} of ${header.length} columns; no ${absent.join(', ')}` });
      continue;
    }
    const c = zeroOrOne(buf, cf);
    let bad = false;
    if (c < 0) {
      report({ file, path: 'correct', line: rowLine, code: 'BAD_CORRECT', reason: `correct must be 0 or 1, got ${JSON.stringify(fieldText(cf))}` });
      bad = true;
    }
    const emptyCols = [uf, sf].filter((x) => isEmpty(buf, x)).map((x) => (x === uf ? 'user_id' : names[skillCol]));
    if (emptyCols.length > 0) {
      report({ file, path: emptyCols.join(', '), line: rowLine, code: 'MISSING_FIELD', reason: `empty ${emptyCols.join(', ')}` });
      bad = true;
    }
    if (bad || issues.length > 0) continue; // once the file is refused, only collect problems
    if (n === cap) {
      cap *= 2;
      user = growInt(user, cap);
      skill = growInt(skill, cap);
      const c2 = new Uint8Array(cap);
      c2.set(correct);
      correct = c2;
    }
    intern(buf, uf, prevUser, userIndex, null, fieldText);
    intern(buf, sf, prevSkill, skillIndex, skillIds, fieldText);
    user[n] = prevUser.index;
    skill[n] = prevSkill.index;
    correct[n] = c;
    n++;
  }
  if (badRows > issues.length) {
    issues.push({ file, path: '', code: 'MORE_BAD_ROWS', reason: `…and ${plural(badRows - issues.length, 'more bad row')}, ${badRows} in all` });
  }
  if (issues.length > 0) throw new ContentError(issues);
  if (n === 0) throw new ContentError([{ file, path: '', line: 2, code: 'EMPTY', reason: 'no responses after the header' }]);
  return { length: n, user: user.subarray(0, n), skill: skill.subarray(0, n), correct: correct.subarray(0, n), skillIds, userCount: userIndex.size };
}

/** 1 or 0 for a field that is exactly "1" or "0" (spaces around allowed), else −1. */
function zeroOrOne(buf: Buffer, f: FieldRef): number {
  if (f.text !== null) {
    const t = f.text.trim();
    return t === '1' ? 1 : t === '0' ? 0 : -1;
  }
  let s = f.start;
  let e = f.end;
  while (s < e && isSpace(buf[s]!)) s++;
  while (e > s && isSpace(buf[e - 1]!)) e--;
  if (e - s !== 1) return -1;
  const b = buf[s];
  return b === ONE ? 1 : b === ZERO ? 0 : -1;
}

function isEmpty(buf: Buffer, f: FieldRef): boolean {
  return f.text !== null ? f.text.trim() === '' : onlySpace(buf, f.start, f.end);
}

function onlySpace(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (!isSpace(b) && b !== CR && b !== LF) return false;
  }
  return true;
}

function isSpace(b: number): boolean {
  return b === SPACE || b === TAB;
}

/** Where the previous row's id sat in the buffer (start −1: it was quoted) and its index. */
interface PrevId {
  start: number;
  end: number;
  index: number;
}

/** Sets `prev` to this row's id: reuses the previous index when the bytes are the same, else looks it up. */
function intern(buf: Buffer, f: FieldRef, prev: PrevId, index: Map<string, number>, list: string[] | null, text: (f: FieldRef) => string): void {
  if (f.text === null && prev.start >= 0 && sameBytes(buf, prev.start, prev.end, f.start, f.end)) {
    prev.start = f.start;
    prev.end = f.end;
    return;
  }
  const id = text(f);
  let i = index.get(id);
  if (i === undefined) {
    i = index.size;
    index.set(id, i);
    list?.push(id);
  }
  prev.start = f.text === null ? f.start : -1;
  prev.end = f.end;
  prev.index = i;
}

function sameBytes(buf: Buffer, s1: number, e1: number, s2: number, e2: number): boolean {
  if (e1 - s1 !== e2 - s2) return false;
  for (let i = 0; i < e1 - s1; i++) if (buf[s1 + i] !== buf[s2 + i]) return false;
  return true;
}

function growInt(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
