import type { Quad } from '../rdf/data-factory.js';

/**
 * One RDF term in a solution, in the shape of the SPARQL 1.1 Query Results JSON Format §3.2.2
 * (so the JSON serialisation is the identity, and every other format is written from it). A
 * literal without `datatype` or `xml:lang` is an xsd:string (RDF 1.1 simple literal). `triple`
 * is a SPARQL 1.2 triple term.
 */
export type ResultTerm =
  | { readonly type: 'uri'; readonly value: string }
  | { readonly type: 'bnode'; readonly value: string }
  | {
      readonly type: 'literal';
      readonly value: string;
      readonly 'xml:lang'?: string;
      /** RDF 1.2 base direction of a language-tagged string (`ltr`, `rtl`). */
      readonly 'its:dir'?: string;
      readonly datatype?: string;
    }
  | {
      readonly type: 'triple';
      readonly value: {
        readonly subject: ResultTerm;
        readonly predicate: ResultTerm;
        readonly object: ResultTerm;
      };
    };

/** One solution: the bound variables (without `?`); unbound variables are absent. */
export type Binding = Readonly<Partial<Record<string, ResultTerm>>>;

/** The outcome of a query, whatever its form. */
export type QueryResult =
  /** SELECT: the projected variables in order (bound or not) and the solutions. */
  | {
      readonly kind: 'bindings';
      readonly vars: readonly string[];
      readonly bindings: readonly Binding[];
    }
  /** ASK. */
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** CONSTRUCT and DESCRIBE. */
  | { readonly kind: 'graph'; readonly quads: readonly Quad[] };

/** The number of rows (solutions, or triples) a result has; 1 for ASK. */
export function resultSize(result: QueryResult): number {
  switch (result.kind) {
    case 'bindings':
      return result.bindings.length;
    case 'boolean':
      return 1;
    case 'graph':
      return result.quads.length;
  }
}

const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** The datatypes whose values are numbers (right-aligned in tables). */
export const NUMERIC_DATATYPES: ReadonlySet<string> = new Set(
  [
    'integer',
    'decimal',
    'double',
    'float',
    'int',
    'long',
    'short',
    'byte',
    'nonNegativeInteger',
    'positiveInteger',
    'nonPositiveInteger',
    'negativeInteger',
    'unsignedInt',
    'unsignedLong',
    'unsignedShort',
    'unsignedByte',
  ].map((local) => `${XSD}${local}`),
);

/**
 * Reads a SPARQL 1.1 Query Results JSON document (§3), as a remote endpoint returns it. Returns
 * `undefined` when the text is not one: not JSON, or neither `boolean` nor `head.vars` with
 * `results.bindings`, or a binding whose term has no known `type` and string `value`. The
 * SPARQL 1.0 `typed-literal` type some old servers write is read as `literal`.
 */
export function jsonToResults(text: string): QueryResult | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(document)) return undefined;
  if (typeof document.boolean === 'boolean') return { kind: 'boolean', value: document.boolean };
  const head = document.head;
  const results = document.results;
  if (!isObject(head) || !isObject(results)) return undefined;
  const vars = head.vars;
  const rows = results.bindings;
  if (!Array.isArray(vars) || !vars.every((name) => typeof name === 'string')) return undefined;
  if (!Array.isArray(rows)) return undefined;
  const bindings: Binding[] = [];
  for (const row of rows) {
    if (!isObject(row)) return undefined;
    const binding: Record<string, ResultTerm> = {};
    for (const [name, value] of Object.entries(row)) {
      const term = toResultTerm(value);
      if (term === undefined) return undefined;
      binding[name] = term;
    }
    bindings.push(binding);
  }
  return { kind: 'bindings', vars, bindings };
}

function toResultTerm(value: unknown): ResultTerm | undefined {
  if (!isObject(value)) return undefined;
  const type = value.type;
  if (type === 'triple') {
    const triple = value.value;
    if (!isObject(triple)) return undefined;
    const subject = toResultTerm(triple.subject);
    const predicate = toResultTerm(triple.predicate);
    const object = toResultTerm(triple.object);
    if (!subject || !predicate || !object) return undefined;
    return { type, value: { subject, predicate, object } };
  }
  const text = value.value;
  if (typeof text !== 'string') return undefined;
  if (type === 'uri' || type === 'bnode') return { type, value: text };
  if (type !== 'literal' && type !== 'typed-literal') return undefined;
  const language = value['xml:lang'];
  const direction = value['its:dir'];
  const datatype = value.datatype;
  return {
    type: 'literal',
    value: text,
    ...(typeof language === 'string' ? { 'xml:lang': language } : {}),
    ...(typeof direction === 'string' ? { 'its:dir': direction } : {}),
    ...(typeof datatype === 'string' && typeof language !== 'string' ? { datatype } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
