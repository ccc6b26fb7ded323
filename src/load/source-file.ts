import { parse as parseJsonAst, type AnyNode, type DocumentNode } from '@humanwhocodes/momoa';
import type { Diagnostic } from '../model/diagnostic.js';
import { childPointer, parentPointer } from './json-pointer.js';
import { decodeUtf8, scanJsonText } from './strict-json.js';

/** A 1-based line and column in a source text. */
export interface Position {
  line: number;
  column: number;
}

/** A JSON value as `JSON.parse` would return it. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * One parsed input file: its text, its JSON value and the position of every JSON pointer in it,
 * so that any later layer can say `data/people/sheng-zha.jsonld:12:5`.
 */
export interface SourceFile {
  /** Repository-relative POSIX path (or `-` for standard input). */
  readonly path: string;
  readonly text: string;
  readonly json: JsonValue;
  /** Position of each pointer: the key for object members, the value otherwise. */
  readonly positions: ReadonlyMap<string, Position>;
  /**
   * Positions given rather than found in `text`: the node objects read from a page's Microdata
   * and RDFa (see `markupOfPage`) are not written in the text, so each of their pointers is
   * placed at the element that produced it. Plain data, so it travels with the source.
   */
  readonly anchors?: Readonly<Record<string, Position>>;
}

/** The outcome of parsing: a source file, or the located syntax diagnostics. */
export type ParseResult =
  | { ok: true; source: SourceFile; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Parses a file's bytes: {@link parseSourceFile} on their UTF-8 text, or one
 * `syntax/invalid-utf8` error at the first byte that is not UTF-8.
 */
export function parseSourceBytes(path: string, bytes: Uint8Array): ParseResult {
  const decoded = decodeUtf8(path, bytes);
  return decoded.ok
    ? parseSourceFile(path, decoded.text)
    : { ok: false, diagnostics: [decoded.diagnostic] };
}

/**
 * Parses JSON text into a {@link SourceFile}. Never throws for bad input: a syntax error becomes
 * one `syntax/invalid-json` diagnostic at its line and column; a duplicate object key (which
 * JSON-LD processors resolve inconsistently) becomes a `syntax/duplicate-key` error. Text a
 * JSON parser would accept but change or choke on (nesting deeper than `MAX_JSON_DEPTH`, a raw
 * control character in a string, a lone surrogate escape, a number beyond a double) is
 * rejected with located errors (see `scanJsonText`), so the data is never silently altered.
 */
export function parseSourceFile(path: string, rawText: string): ParseResult {
  // A UTF-8 byte-order mark is legal in files but not in JSON text (RFC 8259 §8.1).
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const scan = scanJsonText(path, text);
  // The parser and every later layer recurse: too deep a text goes no further.
  if (scan.tooDeep) return { ok: false, diagnostics: scan.diagnostics };
  let document: DocumentNode;
  try {
    document = parseJsonAst(text, { mode: 'json' });
  } catch (error) {
    return { ok: false, diagnostics: [syntaxDiagnostic(path, error)] };
  }
  if (scan.diagnostics.length > 0) return { ok: false, diagnostics: scan.diagnostics };
  // The positions are found on the way and dropped: a later layer that reports a finding
  // computes them again (see sourceFileOf), which keeps a large profile's memory to its text
  // and JSON (positions took about half of it).
  const diagnostics: Diagnostic[] = [];
  const json = toJson(document.body, '', undefined, (pointer, key, position) => {
    diagnostics.push({
      code: 'syntax/duplicate-key',
      severity: 'error',
      message: `Duplicate key "${key}" in one object; JSON-LD processors would keep only one value.`,
      file: path,
      pointer,
      ...position,
    });
  });
  return { ok: true, source: sourceFileOf(path, text, json), diagnostics };
}

/**
 * A SourceFile from its parts (a parsed file, or one sent from a worker thread as plain
 * data), whose `positions` are computed from the text on first use and then kept. `anchors`
 * (see {@link SourceFile.anchors}) join them; an empty text (a page with Microdata or RDFa but no
 * JSON-LD) has no positions of its own.
 */
export function sourceFileOf(
  path: string,
  text: string,
  json: JsonValue,
  anchors?: Readonly<Record<string, Position>>,
): SourceFile {
  let positions: Map<string, Position> | undefined;
  return {
    path,
    text,
    json,
    ...(anchors === undefined ? {} : { anchors }),
    get positions() {
      if (positions === undefined) {
        positions = text === '' ? new Map<string, Position>() : positionsOf(text);
        for (const [pointer, position] of Object.entries(anchors ?? {}))
          positions.set(pointer, position);
      }
      return positions;
    },
  };
}

/** The position of every pointer of a text that parsed before. */
function positionsOf(text: string): Map<string, Position> {
  const positions = new Map<string, Position>();
  toJson(parseJsonAst(text, { mode: 'json' }).body, '', positions, () => undefined);
  return positions;
}

/**
 * Where a pointer is in a source file. Falls back to the closest enclosing value that has a
 * position (a pointer to a missing property points at the object that lacks it).
 */
export function locate(source: SourceFile, pointer: string): Position | undefined {
  let current = pointer;
  for (;;) {
    const position = source.positions.get(current);
    if (position !== undefined) return position;
    if (current === '') return undefined;
    current = parentPointer(current);
  }
}

/** Builds a located diagnostic for a pointer in a source file. */
export function diagnosticAt(
  source: SourceFile,
  pointer: string,
  diagnostic: Omit<Diagnostic, 'file' | 'pointer' | 'line' | 'column'>,
): Diagnostic {
  return { ...diagnostic, file: source.path, pointer, ...locate(source, pointer) };
}

type DuplicateKeyHandler = (pointer: string, key: string, position: Position) => void;

function toJson(
  node: AnyNode,
  pointer: string,
  positions: Map<string, Position> | undefined,
  onDuplicate: DuplicateKeyHandler,
): JsonValue {
  if (positions && !positions.has(pointer)) positions.set(pointer, startOf(node));
  switch (node.type) {
    case 'Object': {
      const object: Record<string, JsonValue> = {};
      for (const member of node.members) {
        const key = member.name.type === 'String' ? member.name.value : member.name.name;
        const memberPointer = childPointer(pointer, key);
        if (Object.hasOwn(object, key)) onDuplicate(memberPointer, key, startOf(member.name));
        positions?.set(memberPointer, startOf(member.name));
        object[key] = toJson(member.value, memberPointer, positions, onDuplicate);
      }
      return object;
    }
    case 'Array':
      return node.elements.map((element, index) =>
        toJson(element.value, childPointer(pointer, index), positions, onDuplicate),
      );
    case 'String':
    case 'Number':
    case 'Boolean':
      return node.value;
    case 'Null':
      return null;
    default:
      // JSON mode yields only the node types above; anything else is a parser contract change.
      throw new TypeError(`Unexpected JSON node type ${node.type}`);
  }
}

function startOf(node: AnyNode): Position {
  return { line: node.loc.start.line, column: node.loc.start.column };
}

function syntaxDiagnostic(path: string, error: unknown): Diagnostic {
  const located = error as { message?: string; line?: number; column?: number };
  // momoa appends "(line:column)" to its messages; the diagnostic carries those fields itself.
  const message = (located.message ?? String(error)).replace(/\s*\(\d+:\d+\)\s*$/, '');
  return {
    code: 'syntax/invalid-json',
    severity: 'error',
    message: `Invalid JSON: ${message}`,
    file: path,
    ...(located.line === undefined ? {} : { line: located.line, column: located.column ?? 1 }),
  };
}
