import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isHtmlPage } from '../load/html-scripts.js';
import type { DataFile } from '../load/load-sources.js';
import { sourceFileOf, type SourceFile } from '../load/source-file.js';
import { CODES } from '../model/codes.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Term } from '../rdf/data-factory.js';
import { quadsFromIds } from '../rdf/term-ids.js';
import { vendorFile } from '../rdf/vendor-files.js';
import { hashParts, type CacheStore } from '../runtime/cache-store.js';
import { SCHEMA_ORG_VOCABULARY_FILE } from '../vocab/schema-vocabulary.js';
import type { FileCheck } from './file-check.js';
import type { FileResult } from './file-worker.js';

/** The namespace of the per-file results in the store (`<cache>/validate/files/…`). */
const FILES = 'validate/files';
/** The namespace of whole-graph results (`<cache>/validate/graph/…`). */
const GRAPH = 'validate/graph';

/** What validation reuses across runs: a store and the version of the tool that fills it. */
export interface ValidationCache {
  store: CacheStore;
  /** {@link toolFingerprint}: part of every key, so another version never reads these entries. */
  fingerprint: string;
}

/**
 * The tool's version as far as results go: the package version, every file of the shapes folder
 * (JSON Schemas and SHACL, `google/` included), the bundled schema.org vocabulary and context,
 * and the code registry. Changing any of them changes every key, so nothing cached by another
 * version is read.
 */
export function toolFingerprint(shapesDir: string, version: string = packageVersion()): string {
  const parts: (string | Uint8Array)[] = [version, JSON.stringify(CODES)];
  for (const file of filesUnder(shapesDir)) parts.push(file.name, readFileSync(file.path));
  for (const vendored of [SCHEMA_ORG_VOCABULARY_FILE, 'schemaorg/schemaorgcontext.jsonld'])
    parts.push(vendored, readOrEmpty(vendorFile(vendored)));
  return hashParts(parts);
}

/** A file's key and bytes, read once: the bytes are checked from memory on a miss. */
export interface KeyedFile {
  file: DataFile;
  key?: string;
}

/**
 * Reads each data file once and keys it by its bytes, its display path and `settings` (the base
 * URL and the rule sets). HTML pages and unreadable files get no key: they are checked as
 * before, and the read error is reported by the check.
 */
export function keyFiles(
  files: readonly DataFile[],
  cache: ValidationCache,
  settings: string,
): KeyedFile[] {
  return files.map((file) => {
    if (isHtmlPage(file.file)) return { file };
    let bytes: Uint8Array;
    try {
      bytes = file.bytes ?? readFileSync(file.file);
    } catch {
      return { file };
    }
    return {
      file: { ...file, bytes },
      key: hashParts([cache.fingerprint, settings, file.display, bytes]),
    };
  });
}

/** A per-file result as stored: blank node labels without the file's `f<index>_` prefix. */
interface StoredFile {
  source?: Pick<SourceFile, 'text' | 'json' | 'anchors'>;
  diagnostics: Diagnostic[];
  quadIds: string[];
}

/**
 * The cached per-file result of the file at `index`, its blank nodes labelled for that place
 * (see `checkFile`); undefined when there is none or it does not read back.
 */
export function cachedFile(
  cache: ValidationCache,
  keyed: KeyedFile,
  index: number,
  terms: Map<string, Term>,
): FileCheck | undefined {
  if (keyed.key === undefined) return undefined;
  const stored = readJson(cache.store.get(FILES, keyed.key)) as StoredFile | undefined;
  if (stored === undefined) return undefined;
  const prefix = `_:f${String(index)}_`;
  const ids = stored.quadIds.map((id) => (id.startsWith('_:') ? prefix + id.slice(2) : id));
  return {
    ...(stored.source
      ? {
          source: sourceFileOf(
            keyed.file.display,
            stored.source.text,
            stored.source.json,
            stored.source.anchors,
          ),
        }
      : {}),
    diagnostics: stored.diagnostics,
    quads: [...quadsFromIds(ids, terms)],
    ms: { load: 0, schema: 0, jsonld: 0 },
  };
}

/** Stores a file's fresh per-file result (see {@link cachedFile}). */
export function storeFile(
  cache: ValidationCache,
  keyed: KeyedFile,
  index: number,
  result: FileResult,
): void {
  if (keyed.key === undefined) return;
  const prefix = `_:f${String(index)}_`;
  const quadIds: string[] = [];
  for (const id of result.quadIds) {
    if (!id.startsWith('_:')) quadIds.push(id);
    // A blank node without the file's prefix would be restored under another label: not cached.
    else if (id.startsWith(prefix)) quadIds.push(`_:${id.slice(prefix.length)}`);
    else return;
  }
  const stored: StoredFile = {
    ...(result.source
      ? {
          source: {
            text: result.source.text,
            json: result.source.json,
            ...(result.source.anchors === undefined ? {} : { anchors: result.source.anchors }),
          },
        }
      : {}),
    diagnostics: result.diagnostics,
    quadIds,
  };
  cache.store.put(FILES, keyed.key, Buffer.from(JSON.stringify(stored)));
}

/** What the graph stages concluded about one whole input (see {@link graphKey}). */
export interface StoredGraph {
  /** The canonical dataset, page dates included, as term ids. */
  quadIds: string[];
  /** The graph stages' diagnostics (vocabulary, integrity, SHACL), in the order they ran. */
  diagnostics: Diagnostic[];
}

/**
 * The key of a whole input: every file's key in order plus `settings` (configuration and page
 * dates). Undefined when a file has no key (it cannot be known unchanged).
 */
export function graphKey(files: readonly KeyedFile[], settings: string): string | undefined {
  const keys: string[] = [settings];
  for (const { key } of files) {
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return hashParts(keys);
}

/** The graph stages' stored result for `key`, when it reads back whole. */
export function cachedGraph(cache: ValidationCache, key: string): StoredGraph | undefined {
  return readJson(cache.store.get(GRAPH, key)) as StoredGraph | undefined;
}

/** Stores the graph stages' result for `key`. */
export function storeGraph(cache: ValidationCache, key: string, graph: StoredGraph): void {
  cache.store.put(GRAPH, key, Buffer.from(JSON.stringify(graph)));
}

/** An entry's JSON; undefined when it does not parse (its checksum passed, its writer erred). */
function readJson(bytes: Uint8Array | undefined): unknown {
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
}

function filesUnder(folder: string): { name: string; path: string }[] {
  let entries;
  try {
    entries = readdirSync(folder, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = path.join(entry.parentPath, entry.name);
      return { name: path.relative(folder, full).split(path.sep).join('/'), path: full };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function readOrEmpty(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch {
    return new Uint8Array();
  }
}

function packageVersion(): string {
  const manifest = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  return manifest.version;
}
