import { childPointer } from './json-pointer.js';
import type { JsonValue, SourceFile } from './source-file.js';

/** Called for every value in a JSON document with its pointer and the key it sits under. */
export type JsonVisitor = (
  value: JsonValue,
  pointer: string,
  key: string | number | undefined,
) => boolean;

/**
 * Walks a JSON value depth-first in document order; stops as soon as the visitor returns true.
 * Returns whether it stopped early.
 */
export function walkJson(
  value: JsonValue,
  visit: JsonVisitor,
  pointer = '',
  key?: string | number,
): boolean {
  if (visit(value, pointer, key)) return true;
  if (Array.isArray(value)) {
    return value.some((item, index) => walkJson(item, visit, childPointer(pointer, index), index));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([name, item]) =>
      walkJson(item, visit, childPointer(pointer, name), name),
    );
  }
  return false;
}

/** The pointer of the first value (in document order) that matches, or undefined. */
export function findPointer(
  source: SourceFile,
  matches: (value: JsonValue, pointer: string, key: string | number | undefined) => boolean,
  skip: ReadonlySet<string> = new Set(),
): string | undefined {
  let found: string | undefined;
  walkJson(source.json, (value, pointer, key) => {
    if (!skip.has(pointer) && matches(value, pointer, key)) {
      found = pointer;
      return true;
    }
    return false;
  });
  return found;
}
