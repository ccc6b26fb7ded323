import { isUtf8 } from 'node:buffer';
import type { Code } from '../model/codes.js';
import { capPerFileAndCode, type Diagnostic } from '../model/diagnostic.js';

/**
 * Deepest nesting of arrays and objects a data file may have. A profile's real nesting is a
 * handful of levels; 500 leaves room for generated data while keeping every recursive layer
 * (the JSON parser, JSON Schema, jsonld.js, the locators) far from the call-stack limit, which
 * about 5,000 levels reach.
 */
export const MAX_JSON_DEPTH = 500;

/** The outcome of decoding a file's bytes. */
export type DecodeResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/**
 * Decodes a file's bytes as UTF-8 (RFC 8259 §8.1 requires it). Bytes that are not UTF-8 are a
 * `syntax/invalid-utf8` error at the line and column of the first one, never silently
 * replaced by U+FFFD.
 */
export function decodeUtf8(path: string, bytes: Uint8Array): DecodeResult {
  if (isUtf8(bytes)) return { ok: true, text: Buffer.from(bytes).toString('utf8') };
  const offset = firstInvalidUtf8(bytes);
  const before = bytes.subarray(0, offset);
  const lineStart = before.lastIndexOf(0x0a) + 1;
  let line = 1;
  for (const byte of before) if (byte === 0x0a) line++;
  const column = Buffer.from(bytes.subarray(lineStart, offset)).toString('utf8').length + 1;
  const byte = bytes[offset] ?? 0;
  return {
    ok: false,
    diagnostic: {
      code: 'syntax/invalid-utf8',
      severity: 'error',
      message: `Byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at offset ${String(offset)} is not valid UTF-8; the file must be UTF-8 (RFC 8259 §8.1).`,
      file: path,
      line,
      column,
    },
  };
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (b < 0x80) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      // Overlong forms and UTF-16 surrogates (RFC 3629 §4).
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      const low = k === 1 ? min : 0x80;
      const high = k === 1 ? max : 0xbf;
      if (c < low || c > high) return i;
    }
    i += length;
  }
  return i;
}

/** What {@link scanJsonText} found. */
export interface JsonScan {
  /** Every finding, at most `MAX_FINDINGS_PER_CODE` per code plus a summary each. */
  diagnostics: Diagnostic[];
  /**
   * True when the text nests deeper than {@link MAX_JSON_DEPTH}: it must not be given to a
   * recursive parser.
   */
  tooDeep: boolean;
}

/**
 * Scans JSON text, in one pass and without recursion, for what a JSON parser accepts or
 * cannot survive but the data must not contain:
 * - nesting deeper than {@link MAX_JSON_DEPTH} (`syntax/too-deep`, at the first too-deep
 *   bracket; the scan stops there);
 * - a raw control character U+0000–U+001F inside a string, which RFC 8259 §7 forbids
 *   (`syntax/control-character`);
 * - a `\uD800`–`\uDFFF` escape that is not half of a surrogate pair, which no UTF-8 text can
 *   hold (`syntax/lone-surrogate`);
 * - a number too large for a double, such as `1e999`, which would become Infinity
 *   (`syntax/number-out-of-range`).
 * Anything else malformed is left to the parser, which reports it with its position.
 */
export function scanJsonText(path: string, text: string): JsonScan {
  const found: Diagnostic[] = [];
  const report = (code: Code, index: number, message: string) => {
    found.push({ code, severity: 'error', message, file: path, ...position(index) });
  };
  let line = 1;
  let lineStart = 0;
  // Positions are computed as the scan passes, so each costs nothing extra.
  const position = (index: number) => ({ line, column: index - lineStart + 1 });
  const finish = (tooDeep: boolean): JsonScan => ({
    diagnostics: capPerFileAndCode(found),
    tooDeep,
  });

  let depth = 0;
  let inString = false;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      // Only inside a string is a raw newline wrong; either way it starts a line.
      if (inString) report('syntax/control-character', i, controlMessage(c));
      line++;
      lineStart = i + 1;
      i++;
    } else if (inString) {
      if (c === 0x22) inString = false;
      else if (c < 0x20) report('syntax/control-character', i, controlMessage(c));
      else if (c === 0x5c) {
        // A backslash escape; only \uXXXX needs a look (RFC 8259 §7).
        if (text[i + 1] === 'u') {
          const unit = hexUnit(text, i + 2);
          const high = unit >= 0xd800 && unit <= 0xdbff;
          const low =
            high && text[i + 6] === '\\' && text[i + 7] === 'u' ? hexUnit(text, i + 8) : -1;
          if (high && low >= 0xdc00 && low <= 0xdfff) i += 6;
          else if (high || (unit >= 0xdc00 && unit <= 0xdfff))
            report(
              'syntax/lone-surrogate',
              i,
              `Escape ${text.slice(i, i + 6)} is half of a UTF-16 surrogate pair without its other half; it is not a character.`,
            );
          i += 5;
        } else i++;
      }
      i++;
    } else if (c === 0x22) {
      inString = true;
      i++;
    } else if (c === 0x5b || c === 0x7b) {
      // [ or {
      if (++depth > MAX_JSON_DEPTH) {
        report(
          'syntax/too-deep',
          i,
          `Arrays and objects nest deeper than ${String(MAX_JSON_DEPTH)} levels here.`,
        );
        return finish(true);
      }
      i++;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < length && isNumberChar(text.charCodeAt(end))) end++;
      const token = text.slice(i, end);
      if (!Number.isFinite(Number(token)))
        report(
          'syntax/number-out-of-range',
          i,
          `Number ${token} is too large for a double and would become Infinity.`,
        );
      i = end;
    } else i++;
  }
  return finish(false);
}

function controlMessage(c: number): string {
  return `Raw control character U+${c.toString(16).toUpperCase().padStart(4, '0')} inside a string; JSON requires it escaped (RFC 8259 §7).`;
}

/** Digits, `.`, `e`, `E`, `+`, `-`: the characters of a JSON number. */
function isNumberChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d
  );
}

/** The code unit of four hex digits at `index`, or -1. */
function hexUnit(text: string, index: number): number {
  const digits = text.slice(index, index + 4);
  return /^[0-9a-fA-F]{4}$/.test(digits) ? Number.parseInt(digits, 16) : -1;
}
