/**
 * Reads roadmap files (YAML or JSON) from a folder and builds the knowledge
 * graph, keeping line numbers so every problem names file, line and path.
 *
 * Two parsers: `js-yaml` first, about five times faster on a cold start
 * (77 ms against 380 ms for the shipped roadmaps) but without positions, for
 * the files whose every line it reads as `yaml` does ({@link plainLine}: no
 * comment after a value, quoted and flow values closed on their line, no
 * YAML 1.1 numbers); the others go to `yaml` at once. When anything is
 * wrong (a file refused, a graph that does not build or warns), every file
 * is parsed again with `yaml`, which keeps every node's line for the report.
 * Both give the same data (test/roadmaps/roadmap-parsers.test.ts).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { LineCounter, parseDocument, isNode, isPair, visit } from 'yaml';
import { ContentError, type ContentIssue } from '../core/errors.ts';
import { buildGraph, formatPath, type ParsedFile, type PathSegment } from '../core/graph/build.ts';
import type { KnowledgeGraph } from '../core/graph/types.ts';

const EXTENSIONS = /\.(ya?ml|json)$/i;

/** Folders that never hold roadmaps (dependencies, version control, build output); hidden ones are skipped too. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', 'build']);

/** Most files and folders looked at below a roadmap folder; a real one has dozens, so more means the wrong folder. */
export const MAX_ENTRIES = 5_000;

/** Largest roadmap file read. The shipped ones are under 100 KB each; a bigger one is generated or not a roadmap. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Lists the roadmap files below `dir`, looking at no more than {@link MAX_ENTRIES} entries. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  let seen = 0;
  const walk = (d: string, top: boolean) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (cause) {
      if (top) throw cause;
      return; // An unreadable sub-folder (another user's) holds none of our roadmaps.
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) {
        throw new ContentError([
          {
            file: dir,
            path: '',
            code: 'TOO_MANY_FILES',
            reason: `more than ${MAX_ENTRIES.toLocaleString('en')} files and folders here, which is not a roadmap folder; name the folder that holds the .yaml files`,
          },
        ]);
      }
      const full = join(d, e.name);
      // Symbolic links to folders are not followed (no loops); hidden and dependency folders are skipped.
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name)) walk(full, false);
      } else if (EXTENSIONS.test(e.name) && (e.isFile() || (e.isSymbolicLink() && isFile(full)))) out.push(full);
    }
  };
  walk(dir, true);
  return out;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Parses one file's text; YAML is a superset of JSON, so one parser serves both. */
export function parseRoadmapText(file: string, text: string): { parsed?: ParsedFile; issues: ContentIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => ({
        file,
        path: '',
        code: 'PARSE',
        reason: e.message.split('\n')[0] ?? 'cannot parse',
        // With prettyErrors off the parser leaves `linePos` unset; map the offset ourselves.
        line: lineCounter.linePos(e.pos[0]).line,
      })),
    };
  }
  const locate = (path: readonly PathSegment[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (cause) {
    // Too many aliases (a "billion laughs" file) and the like: named with the file, not thrown bare.
    return { issues: [{ file, path: '', code: 'PARSE', reason: (cause as Error).message.split('\n')[0] ?? 'cannot parse', line: 1 }] };
  }
  return { parsed: { file, data, locate }, issues: [...inlineComments(file, text, doc, lineCounter), ...unusedAnchors(file, doc, lineCounter)] };
}

export interface LoadedRoadmaps {
  graph: KnowledgeGraph;
  warnings: ContentIssue[];
  files: string[];
}

export interface LoadOptions {
  /**
   * A file (in the app's data directory) that keeps the parsed roadmaps
   * between starts: when no roadmap file changed (same paths, sizes and
   * modification times) YAML parsing, most of start-up, is skipped. The graph
   * is still built and checked from the kept data each time.
   */
  cacheFile?: string;
}

/** Bump when what {@link parseRoadmapText} keeps changes shape. */
const CACHE_VERSION = 1;

interface CacheFile {
  version: number;
  key: string;
  data: unknown[];
}

/** Loads every roadmap file below `dir`; throws {@link ContentError} listing every problem. */
export function loadRoadmaps(dir: string, options: LoadOptions = {}): LoadedRoadmaps {
  let files: string[];
  try {
    files = listFiles(dir);
  } catch (cause) {
    if (cause instanceof ContentError) throw cause;
    throw new ContentError([{ file: dir, path: '', code: 'NOT_FOUND', reason: `cannot read roadmap folder: ${(cause as Error).message}` }]);
  }
  if (files.length === 0) throw new ContentError([{ file: dir, path: '', code: 'EMPTY', reason: 'no .yaml, .yml or .json roadmap files here: none found below this folder (node_modules and hidden folders are skipped)' }]);
  const stats = files.map((full) => statSync(full));
  const key = JSON.stringify(files.map((full, i) => [full, stats[i]!.size, stats[i]!.mtimeMs]));
  const nameOf = (full: string) => relative(process.cwd(), full) || full;

  const kept = options.cacheFile ? readCache(options.cacheFile, key, files.length) : null;
  if (kept) {
    const built = buildGraph(kept.map((data, i) => ({ file: nameOf(files[i]!), data })));
    // Problems need line numbers, which only a fresh parse gives: then parse as if nothing were kept.
    if (built.ok) return { graph: built.graph, warnings: built.warnings, files };
  }

  const fast = fastParseAll(files, stats, nameOf);
  if (fast) {
    const built = buildGraph(fast);
    // Warnings name their line too, which only the full parse gives.
    if (built.ok && built.warnings.length === 0) {
      if (options.cacheFile) writeCache(options.cacheFile, { version: CACHE_VERSION, key, data: fast.map((p) => p.data) });
      return { graph: built.graph, warnings: built.warnings, files };
    }
  }

  const parsed: ParsedFile[] = [];
  // Appended one by one: a spread of a few hundred thousand issues overflows the call stack.
  const issues: ContentIssue[] = [];
  let unparsed = 0;
  files.forEach((full, i) => {
    const name = nameOf(full);
    const size = stats[i]!.size;
    if (size > MAX_FILE_BYTES) {
      unparsed++;
      issues.push({ file: name, path: '', code: 'TOO_LARGE', reason: `${mib(size)} is more than a roadmap file holds (at most ${mib(MAX_FILE_BYTES)}); split it, or leave it out of the roadmap folder` });
      return;
    }
    const r = parseRoadmapText(name, readFileSync(full, 'utf8'));
    for (const issue of r.issues) issues.push(issue);
    if (r.parsed) parsed.push(r.parsed);
    else unparsed++;
  });
  const built = buildGraph(parsed);
  if (!built.ok) for (const i of onceEach(built.issues, unparsed > 0)) issues.push(i);
  if (issues.length > 0 || !built.ok) throw new ContentError(issues);
  if (options.cacheFile) writeCache(options.cacheFile, { version: CACHE_VERSION, key, data: parsed.map((p) => p.data) });
  return { graph: built.graph, warnings: built.warnings, files };
}

/**
 * Whether js-yaml may read this line as `yaml` does: a whole-line comment,
 * or `[- ]*[key:] value` where the value is a plain scalar with no " #" (a
 * comment cutting it short, {@link inlineComments}) and no 0b/0o number
 * (YAML 1.1 to js-yaml, text to `yaml`), a quoted scalar closed on this line
 * with nothing after it, or a flow collection `[...]`/`{...}` closed on this
 * line whose quoted items close too. Anything else (a multi-line quoted or
 * flow value, a block scalar's text with quotes or "#") sends the file to
 * the parser with lines. Conservative: a false "no" only costs speed.
 */
export function plainLine(line: string): boolean {
  const t = line.trimStart();
  if (t === '' || t.startsWith('#')) return true;
  const value = /^(?:-[ \t]+)*(?:[A-Za-z0-9_.-]+:(?:[ \t]+|$))?(.*)$/.exec(t)![1]!;
  if (value.startsWith('"') || value.startsWith("'")) {
    const end = quotedEnd(value, 0);
    return end > 0 && value.slice(end).trim() === '';
  }
  // An anchor, alias or tag (`&x`, `*x`, `!!str`), also as an item of a flow collection: `yaml` checks that each anchor is used (unusedAnchors).
  if (/^[&*!]/.test(value) || ((value.startsWith('[') || value.startsWith('{')) && /[[{,:][ \t]*[&*!]/.test(value))) return false;
  if (value.startsWith('[') || value.startsWith('{')) return flowClosed(value);
  return !/[ \t]#/.test(value) && !NON_CORE_NUMBER.test(value);
}

/** A YAML 1.1 binary or octal number: js-yaml reads a number, `yaml` (1.2 core) text. */
const NON_CORE_NUMBER = /(^|[\s,[{:])[-+]?0[bo][0-9]/;

/** Index just past the quoted scalar opening at `from` ("…" with backslash escapes, '…' with '' escapes), or -1 when it does not close. */
function quotedEnd(text: string, from: number): number {
  const q = text[from];
  for (let i = from + 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/** A flow collection that closes on this line, with its quoted items closed, no comment inside, nothing after it. */
function flowClosed(value: string): boolean {
  let depth = 0;
  let tokenStart = true;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if ((c === '"' || c === "'") && tokenStart) {
      const end = quotedEnd(value, i);
      if (end < 0) return false;
      i = end - 1;
      tokenStart = false;
      continue;
    }
    if (c === '#' && i > 0 && /[ \t]/.test(value[i - 1]!)) return false;
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return value.slice(i + 1).trim() === '';
    }
    if (c === '[' || c === '{' || c === ',' || c === ':') tokenStart = true;
    else if (!/[ \t]/.test(c)) tokenStart = false;
  }
  return false;
}

/**
 * Every file parsed, by `js-yaml` (YAML 1.2 core schema, as `yaml` reads it;
 * duplicate keys refused) where each line is {@link plainLine}, by
 * `parseRoadmapText` otherwise; or null as soon as one is too large, refused,
 * or has a problem: the full parse then reports with lines.
 */
function fastParseAll(files: readonly string[], stats: readonly { size: number }[], nameOf: (full: string) => string): ParsedFile[] | null {
  const out: ParsedFile[] = [];
  for (let i = 0; i < files.length; i++) {
    if (stats[i]!.size > MAX_FILE_BYTES) return null;
    const text = readFileSync(files[i]!, 'utf8');
    const name = nameOf(files[i]!);
    if (!text.split('\n').every(plainLine)) {
      const r = parseRoadmapText(name, text);
      if (!r.parsed || r.issues.length > 0) return null;
      out.push(r.parsed);
      continue;
    }
    try {
      out.push({ file: name, data: load(text, { schema: CORE_SCHEMA, filename: files[i]! }) });
    } catch {
      return null;
    }
  }
  return out;
}

function readCache(path: string, key: string, count: number): unknown[] | null {
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
    return c.version === CACHE_VERSION && c.key === key && Array.isArray(c.data) && c.data.length === count ? c.data : null;
  } catch {
    return null; // Missing or unreadable: parse the files.
  }
}

/** Written whole under another name, then renamed, so a reader never sees half a file; failing to write only costs speed. */
function writeCache(path: string, content: CacheFile): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, JSON.stringify(content));
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true });
  }
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

/**
 * One problem per unknown id, not one per reference: a concept missing (or in
 * a file that did not parse) is reported where it is first referenced, with
 * how many other references name it.
 */
export function onceEach(issues: readonly ContentIssue[], someFileUnparsed: boolean): ContentIssue[] {
  const refOf = (i: ContentIssue) => (i.code === 'UNKNOWN_REFERENCE' ? /"([^"]+)"/.exec(i.reason)?.[1] : undefined);
  const count = new Map<string, number>();
  for (const i of issues) {
    const ref = refOf(i);
    if (ref !== undefined) count.set(ref, (count.get(ref) ?? 0) + 1);
  }
  const out: ContentIssue[] = [];
  const reported = new Set<string>();
  for (const i of issues) {
    const ref = refOf(i);
    if (ref === undefined) {
      out.push(i);
      continue;
    }
    if (reported.has(ref)) continue;
    reported.add(ref);
    const more = count.get(ref)! - 1;
    const notes = [
      ...(more > 0 ? [`${more} more reference${more === 1 ? '' : 's'} to it not listed`] : []),
      ...(someFileUnparsed ? ['it may be defined in a file that could not be read above'] : []),
    ];
    out.push(notes.length > 0 ? { ...i, reason: `${i.reason} (${notes.join('; ')})` } : i);
  }
  return out;
}

/**
 * A ` #` inside an unquoted value starts a YAML comment and silently cuts the
 * value short ("It becomes a #REF! error" reads as "It becomes a"). Roadmap
 * text is shown to learners, so a comment on the same line as a value is an
 * error: quote the value when the `#` belongs to it, or move the comment to
 * its own line.
 */
/**
 * An anchor nothing refers to is text that was meant literally: an
 * explanation written `&& returns its left operand…` reads as the anchor
 * "&" on "returns its left operand…", and the learner sees the sentence
 * without its subject.
 */
function unusedAnchors(file: string, doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter): ContentIssue[] {
  const used = new Set<string>();
  visit(doc, {
    Alias(_key, node) {
      used.add(node.source);
    },
  });
  const issues: ContentIssue[] = [];
  const check = (node: { anchor?: string | undefined; range?: [number, number, number] | null | undefined }, path: readonly unknown[]) => {
    if (!node.anchor || used.has(node.anchor)) return;
    issues.push({
      file,
      path: formatPath(keysOf(path, node)),
      code: 'UNUSED_ANCHOR',
      reason: `"&${node.anchor}" starts a YAML anchor that nothing refers to, so it is not part of the text; quote the value if "&" belongs to it`,
      line: node.range ? lineCounter.linePos(node.range[0]).line : 1,
    });
  };
  visit(doc, {
    Scalar: (_key, node, path) => check(node, path),
    Map: (_key, node, path) => check(node, path),
    Seq: (_key, node, path) => check(node, path),
  });
  return issues;
}

/** The keys from the document down to `node`: map entries give their key, sequence items their index. */
function keysOf(path: readonly unknown[], node: unknown): PathSegment[] {
  const keys: PathSegment[] = [];
  const chain = [...path, node];
  for (let i = 1; i < chain.length; i++) {
    const parent = chain[i - 1];
    if (!isNode(parent) || !('items' in parent) || !Array.isArray(parent.items)) continue;
    const child = chain[i];
    keys.push(isPair(child) ? String((child.key as { value?: unknown } | null)?.value) : (parent.items as unknown[]).indexOf(child));
  }
  return keys;
}

function inlineComments(file: string, text: string, doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter): ContentIssue[] {
  const issues: ContentIssue[] = [];
  visit(doc, {
    Scalar(_key, node, path) {
      const [, valueEnd, nodeEnd] = node.range ?? [];
      if (!node.comment || valueEnd === undefined || nodeEnd === undefined) return;
      if (!text.slice(valueEnd, nodeEnd).includes('#')) return;
      issues.push({
        file,
        path: formatPath(keysOf(path, node)),
        code: 'INLINE_COMMENT',
        reason: `"${String(node.value)}" is followed by a YAML comment ("#${node.comment}") that is not part of the text; quote the value if "#" belongs to it`,
        line: lineCounter.linePos(node.range![0]).line,
      });
    },
  });
  return issues;
}
