import { childPointer } from '../load/json-pointer.js';
import type { JsonValue, SourceFile } from '../load/source-file.js';
import { NS } from '../rdf/data-factory.js';
import type { Vocabulary } from '../vocab/schema-vocabulary.js';
import type { ValidationContext } from './context.js';
import type { NodeOccurrence } from './node-index.js';

export /** A value's type as far as range checking goes. */
type ValueType =
  /** A plain JSON literal; `datatype` when a value object names one. */
  | { kind: 'literal'; json: 'string' | 'number' | 'boolean'; datatype?: string }
  /** A node object or reference; `types` are schema.org class IRIs (or anything else). */
  | {
      kind: 'node';
      iri: string | undefined;
      types: ReadonlySet<string>;
      occurrence: NodeOccurrence;
    }
  /** Nothing can be said (an untyped external reference, an unknown datatype). */
  | { kind: 'unknown' };

/** The schema.org class equivalents of the XSD datatypes a value object may name. */
const XSD_DATATYPES: Readonly<Record<string, string>> = {
  string: 'Text',
  normalizedString: 'Text',
  token: 'Text',
  language: 'Text',
  anyURI: 'URL',
  date: 'Date',
  dateTime: 'DateTime',
  dateTimeStamp: 'DateTime',
  time: 'Time',
  duration: 'Duration',
  boolean: 'Boolean',
  decimal: 'Number',
  float: 'Float',
  double: 'Float',
  integer: 'Integer',
  int: 'Integer',
  long: 'Integer',
  short: 'Integer',
  byte: 'Integer',
  nonNegativeInteger: 'Integer',
  positiveInteger: 'Integer',
  nonPositiveInteger: 'Integer',
  negativeInteger: 'Integer',
  unsignedInt: 'Integer',
  unsignedLong: 'Integer',
  unsignedShort: 'Integer',
  unsignedByte: 'Integer',
};

const NO_TYPES: ReadonlySet<string> = new Set();

/**
 * The data seen as a graph for the vocabulary layer: which types a node has (here or wherever
 * its IRI is typed), which properties lead to it, what type a property value has, and whether
 * that type meets a schema.org domain or range (subclasses, Roles and URLs considered).
 */
export class VocabularyGraph {
  /** The schema.org class IRIs the checks compare against. */
  readonly schema: {
    role: string;
    url: string;
    number: string;
    boolean: string;
    text: string;
  };
  /** Each node object's occurrence, by the JSON object itself (values are looked up as found). */
  private readonly occurrenceOf = new Map<JsonValue, NodeOccurrence>();
  /** For each node IRI, the properties through which some node in the data points at it. */
  private readonly inbound = new Map<string, Set<string>>();

  constructor(
    private readonly context: ValidationContext,
    private readonly vocabulary: Vocabulary,
  ) {
    const ns = vocabulary.namespace;
    this.schema = {
      role: `${ns}Role`,
      url: `${ns}URL`,
      number: `${ns}Number`,
      boolean: `${ns}Boolean`,
      text: `${ns}Text`,
    };
    for (const occurrence of context.nodes.occurrences) {
      this.occurrenceOf.set(occurrence.json, occurrence);
      const property = this.linkingProperty(occurrence);
      if (occurrence.iri !== undefined && property !== undefined) {
        const set = this.inbound.get(occurrence.iri) ?? new Set<string>();
        set.add(property);
        this.inbound.set(occurrence.iri, set);
      }
    }
  }

  /** True when a value of this type may stand under a property with this `schema:rangeIncludes`. */
  fitsRange(type: ValueType, range: ReadonlySet<string>, property: string): boolean {
    switch (type.kind) {
      case 'unknown':
        return true;
      case 'literal':
        return this.literalFits(type, range);
      case 'node': {
        if (type.types.size === 0 || !this.allSchemaClasses(type.types)) return true;
        if (this.someFits(type.types, range)) return true;
        // Any IRI is a URL (schema.org: URL-ranged properties take links to anything).
        if (type.iri !== undefined && !type.iri.startsWith('_:') && range.has(this.schema.url)) {
          return true;
        }
        // A Role may stand in for the value when it carries the same property inside it.
        return this.isRole(type.types) && this.roleCarries(type.occurrence, type.iri, property);
      }
    }
  }

  /**
   * Literals: a JSON string is the lexical form of any schema.org DataType (Text, URL, Date,
   * DateTime, Time, Duration; schema.org's own examples write numbers and booleans as strings
   * too), so it fits any DataType range and the JSON Schema layer polices formats. A JSON
   * number fits the Number family (Number, Integer, Float); a boolean fits Boolean.
   */
  private literalFits(
    type: Extract<ValueType, { kind: 'literal' }>,
    range: ReadonlySet<string>,
  ): boolean {
    const rangeClasses = [...range];
    if (type.datatype !== undefined) {
      const datatype = type.datatype;
      return rangeClasses.some(
        (cls) =>
          this.vocabulary.isSubClassOf(datatype, cls) ||
          // A typed string (xsd:string, Text) is still a lexical form of any DataType.
          (datatype === this.schema.text && this.vocabulary.isDataType(cls)),
      );
    }
    switch (type.json) {
      case 'string':
        return rangeClasses.some((cls) => this.vocabulary.isDataType(cls));
      case 'number':
        return rangeClasses.some((cls) => this.vocabulary.isSubClassOf(cls, this.schema.number));
      case 'boolean':
        return rangeClasses.some((cls) => this.vocabulary.isSubClassOf(cls, this.schema.boolean));
    }
  }

  /** The values under a property, flattening arrays and `@list`/`@set` objects. */
  values(
    source: SourceFile,
    value: JsonValue,
    pointer: string,
  ): { value: JsonValue; pointer: string }[] {
    if (value === null) return [];
    if (Array.isArray(value)) {
      return value.flatMap((item, index) =>
        this.values(source, item, childPointer(pointer, index)),
      );
    }
    if (typeof value === 'object') {
      for (const keyword of ['@list', '@set']) {
        const inner = value[keyword];
        if (inner !== undefined) return this.values(source, inner, childPointer(pointer, keyword));
      }
    }
    return [{ value, pointer }];
  }

  /** What a property value is, for range checks: a literal, a node (with its types) or unknown. */
  valueType(value: JsonValue): ValueType {
    const json = jsonLiteralKind(value);
    if (json !== undefined) return { kind: 'literal', json };
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { kind: 'unknown' };
    }
    if ('@value' in value) return this.valueObjectType(value);
    const occurrence = this.occurrenceOf.get(value);
    if (occurrence === undefined) return { kind: 'unknown' };
    const iri = occurrence.iri;
    let types = this.nodeTypes(occurrence);
    if (types.size === 0 && iri !== undefined && this.vocabulary.inNamespace(iri)) {
      // An enumeration member stands for its class; a class named as a value (schema.org's
      // `"interactionType": "https://schema.org/LikeAction"`) for itself.
      const instanceTypes = this.vocabulary.instanceTypesOf(iri);
      if (instanceTypes.size > 0) types = instanceTypes;
      else if (this.vocabulary.isClass(iri)) types = new Set([iri]);
    }
    return { kind: 'node', iri, types, occurrence };
  }

  /** A JSON-LD value object (JSON-LD 1.1 §4.2): typed, language-tagged or plain. */
  private valueObjectType(value: Readonly<Record<string, JsonValue>>): ValueType {
    const json = jsonLiteralKind(value['@value']);
    if (json === undefined) return { kind: 'unknown' };
    const type = value['@type'];
    if (typeof type !== 'string') return { kind: 'literal', json };
    const term = this.context.terms.expandTerm(type);
    if (term.kind !== 'iri') return { kind: 'unknown' };
    const datatype = term.iri.startsWith(NS.xsd)
      ? XSD_DATATYPES[term.iri.slice(NS.xsd.length)]
      : undefined;
    if (datatype !== undefined) {
      return { kind: 'literal', json, datatype: `${this.vocabulary.namespace}${datatype}` };
    }
    return this.vocabulary.isDataType(term.iri)
      ? { kind: 'literal', json, datatype: term.iri }
      : { kind: 'unknown' };
  }

  /** The node's types: from this occurrence, and wherever else its IRI is typed. */
  nodeTypes(occurrence: NodeOccurrence): ReadonlySet<string> {
    const elsewhere =
      occurrence.iri === undefined ? NO_TYPES : this.context.nodes.typesOf(occurrence.iri);
    if (occurrence.types.length === 0) return elsewhere;
    return new Set([...occurrence.types, ...elsewhere]);
  }

  /**
   * The properties that lead to a node: the key it sits under in its parent, and, for a node
   * with an IRI (a Role in its own file), every property by which another node references it.
   */
  propertiesLeadingTo(occurrence: NodeOccurrence): ReadonlySet<string> {
    const properties = new Set(
      occurrence.iri === undefined ? [] : (this.inbound.get(occurrence.iri) ?? []),
    );
    const direct = this.linkingProperty(occurrence);
    if (direct !== undefined) properties.add(direct);
    return properties;
  }

  /** The expanded property under which an occurrence sits in its parent node, if any. */
  private linkingProperty(occurrence: NodeOccurrence): string | undefined {
    if (occurrence.parent === undefined || occurrence.parentKey === undefined) return undefined;
    if (isReverseMap(occurrence.parent)) return undefined;
    const term = this.context.terms.expandTerm(occurrence.parentKey);
    return term.kind === 'iri' ? term.iri : undefined;
  }

  /** True when the Role node (here, or described elsewhere under its IRI) uses `property`. */
  roleCarries(occurrence: NodeOccurrence, iri: string | undefined, property: string): boolean {
    const described = iri === undefined ? [] : (this.context.nodes.definitions.get(iri) ?? []);
    return [occurrence, ...described].some((node) =>
      node.keys.some((key) => {
        const term = this.context.terms.expandTerm(key);
        return term.kind === 'iri' && term.iri === property;
      }),
    );
  }

  /** True when one of the types is schema:Role or a subclass. */
  isRole(types: ReadonlySet<string>): boolean {
    return [...types].some((type) => this.vocabulary.isSubClassOf(type, this.schema.role));
  }

  /** True when every type is a schema.org class (so domain and range can judge it). */
  allSchemaClasses(types: ReadonlySet<string>): boolean {
    return [...types].every(
      (type) => this.vocabulary.inNamespace(type) && this.vocabulary.isClass(type),
    );
  }

  /** True when some type is (a subclass of) some class in `classes`. */
  someFits(types: ReadonlySet<string>, classes: ReadonlySet<string>): boolean {
    return [...types].some((type) =>
      [...this.vocabulary.superClassesOf(type)].some((cls) => classes.has(cls)),
    );
  }
}

/** True for a `@reverse` map (JSON-LD 1.1 §4.8), whose properties point at its parent. */
export function isReverseMap(occurrence: NodeOccurrence): boolean {
  return occurrence.pointer.endsWith('/@reverse');
}

function jsonLiteralKind(
  value: JsonValue | undefined,
): 'string' | 'number' | 'boolean' | undefined {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return undefined;
}
