import type { Vocabulary } from '../vocab/schema-vocabulary.js';
import type { ValueType } from './value-types.js';

/** How many classes a domain or range hint lists before eliding the rest. */
export const MAX_LISTED_CLASSES = 8;

/** The schema.org local name of an IRI in the namespace (`alumniOf`); other IRIs whole. */
export function localName(vocabulary: Vocabulary, iri: string): string {
  return vocabulary.inNamespace(iri) ? iri.slice(vocabulary.namespace.length) : iri;
}

/** "a Person and an Organization": the types for a message. */
export function describeTypes(vocabulary: Vocabulary, types: ReadonlySet<string>): string {
  return [...types].map((type) => withArticle(localName(vocabulary, type))).join(' and ');
}

/** How a message names a value of this type: "a number", "a Date value", "a Person". */
export function describeValue(vocabulary: Vocabulary, type: ValueType): string {
  switch (type.kind) {
    case 'literal':
      if (type.datatype !== undefined) return `a ${localName(vocabulary, type.datatype)} value`;
      return { string: 'a text value', number: 'a number', boolean: 'a boolean' }[type.json];
    case 'node':
      return describeTypes(vocabulary, type.types);
    case 'unknown':
      return 'this value';
  }
}

/** Class names, sorted, the first {@link MAX_LISTED_CLASSES} then "…". */
export function listClasses(
  vocabulary: Vocabulary,
  classes: ReadonlySet<string>,
  separator = ', ',
): string {
  const names = [...classes].map((cls) => localName(vocabulary, cls)).sort();
  const listed = names.slice(0, MAX_LISTED_CLASSES);
  if (names.length > MAX_LISTED_CLASSES) listed.push('…');
  return listed.join(separator);
}

function withArticle(name: string): string {
  return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}
