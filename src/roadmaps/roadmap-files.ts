/**
 * Reads roadmap files (YAML or JSON) from a folder and builds the knowledge
 * graph, keeping line numbers so every problem names file, line and path.
 *
 * Two parsers: `js-yaml` first, about five times faster on a cold start
 * (77 ms against 380 ms for the shipped roadmaps) but without positions; when
 * anything is wrong (a file it refuses, a graph that does not build or warns,
 * a line that may hold a comment after a value), the files are parsed again with
 * `yaml`, which keeps every node's line for the report. Both give the same
 * data (test/roadmaps/roadmap-parsers.test.ts).
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
  return { parsed: { file, data: doc.toJS(), locate }, issues: inlineComments(file, text, doc, lineCounter) };
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
 * A line with a value and then whitespace and "#": perhaps a YAML comment
 * cutting the value short, which only the full parse can tell from a "#"
 * inside quotes ({@link inlineComments}).
 */
const MAYBE_INLINE_COMMENT = /^[ \t]*[^#\s].*[ \t]#.*$/gm;
/** A quoted scalar on one line, whose "#" is text ('It becomes a #REF! error'). */
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g;

/** True when some line has a " #" outside one-line quotes: a comment, or text the full parse must look at. */
function mayHoldInlineComment(text: string): boolean {
  for (const m of text.matchAll(MAYBE_INLINE_COMMENT)) if (/[ \t]#/.test(m[0].replace(QUOTED, '""'))) return true;
  return false;
}

/**
 * Every file parsed by `js-yaml` (YAML 1.2 core schema, as `yaml` reads it;
 * duplicate keys refused), or null as soon as one is too large, refused, or
 * may hold an inline comment: the full parse then reports with lines.
 */
function fastParseAll(files: readonly string[], stats: readonly { size: number }[], nameOf: (full: string) => string): ParsedFile[] | null {
  const out: ParsedFile[] = [];
  for (let i = 0; i < files.length; i++) {
    if (stats[i]!.size > MAX_FILE_BYTES) return null;
    const text = readFileSync(files[i]!, 'utf8');
    if (mayHoldInlineComment(text)) return null;
    try {
      out.push({ file: nameOf(files[i]!), data: load(text, { schema: CORE_SCHEMA, filename: files[i]! }) });
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
function inlineComments(file: string, text: string, doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter): ContentIssue[] {
  const issues: ContentIssue[] = [];
  visit(doc, {
    Scalar(_key, node, path) {
      const [, valueEnd, nodeEnd] = node.range ?? [];
      if (!node.comment || valueEnd === undefined || nodeEnd === undefined) return;
      if (!text.slice(valueEnd, nodeEnd).includes('#')) return;
      // Walk from the document down to this scalar: map entries give their key, sequence items their index.
      const keys: PathSegment[] = [];
      const chain = [...path, node];
      for (let i = 1; i < chain.length; i++) {
        const parent = chain[i - 1];
        if (!isNode(parent) || !('items' in parent) || !Array.isArray(parent.items)) continue;
        const child = chain[i];
        keys.push(isPair(child) ? String((child.key as { value?: unknown } | null)?.value) : (parent.items as unknown[]).indexOf(child));
      }
      issues.push({
        file,
        path: formatPath(keys),
        code: 'INLINE_COMMENT',
        reason: `"${String(node.value)}" is followed by a YAML comment ("#${node.comment}") that is not part of the text; quote the value if "#" belongs to it`,
        line: lineCounter.linePos(node.range![0]).line,
      });
    },
  });
  return issues;
}
