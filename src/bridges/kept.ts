import type { JsonValue } from '../load/source-file.js';
import type { JsonObject } from './data-files.js';

/*
 * A field with no schema.org property (a job's highlights, a skill's level, a degree's score)
 * is kept on the node it belongs to as a schema:Statement in `subjectOf`: a CreativeWork
 * "about" that node, whose `genre` names the field and whose `name` is the value (a list of
 * keywords goes in the Statement's `keywords`). schema:subjectOf is a property of every Thing
 * and Statement is a CreativeWork, so the vocabulary and SHACL layers accept it, and the
 * export reads the field back from it.
 */

/** The Statement keeping one text of field `field`. */
export function keptText(field: string, value: string): JsonObject {
  return { '@type': 'Statement', genre: field, name: value };
}

/** The Statement keeping a list of keywords of field `field` (named after the field). */
export function keptKeywords(field: string, values: readonly string[]): JsonObject {
  return { '@type': 'Statement', genre: field, name: field, keywords: [...values] };
}

/** Statements (in document order) in a node's `subjectOf` whose genre is `field`. */
export function keptStatements(node: JsonObject, field: string): JsonObject[] {
  return asList(node.subjectOf).filter(
    (item): item is JsonObject =>
      isNode(item) && hasType(item, 'Statement') && item.genre === field,
  );
}

/** The texts kept for `field` on a node, in order. */
export function readKeptTexts(node: JsonObject, field: string): string[] {
  return keptStatements(node, field)
    .map((statement) => statement.name)
    .filter((name): name is string => typeof name === 'string');
}

/** The keywords kept for `field` on a node, or undefined when none were kept. */
export function readKeptKeywords(node: JsonObject, field: string): string[] | undefined {
  const [statement] = keptStatements(node, field);
  if (statement === undefined) return undefined;
  return asList(statement.keywords).filter((item): item is string => typeof item === 'string');
}

/** A value as a list: JSON-LD treats one value and a one-item list alike. */
export function asList(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Whether a value is a node object (not a string, list or value object). */
export function isNode(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a node's `@type` (or `type`) names `type` (bare or `schema:`-prefixed). */
export function hasType(node: JsonObject, type: string): boolean {
  return asList(node['@type'] ?? node.type).some(
    (name) =>
      name === type ||
      name === `schema:${type}` ||
      name === `http://schema.org/${type}` ||
      name === `https://schema.org/${type}`,
  );
}
