import { childPointer } from '../load/json-pointer.js';
import type { NodeOccurrence } from './node-index.js';
import { diagnosticAt, type JsonValue, type SourceFile } from '../load/source-file.js';
import { CODES, type Code } from '../model/codes.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { NS } from '../rdf/data-factory.js';
import type { Vocabulary } from '../vocab/schema-vocabulary.js';
import type { ValidationContext } from './context.js';

/**
 * Layer 4 of `validate`: checks every node object in the JSON sources against the schema.org
 * vocabulary, so each finding carries the file, JSON pointer, line and column of the term:
 *
 * - `vocab/unknown-property` (error): a key in the schema.org namespace that is not a property;
 * - `vocab/unknown-type` (error): a `@type` in the schema.org namespace that is not a class;
 * - `vocab/unknown-prefix` (error): a key or `@type` `prefix:suffix` whose prefix the context
 *   does not define (other vocabularies, `foaf:name` or absolute IRIs, pass silently);
 * - `vocab/domain` (warning): a property on a node none of whose types is in its
 *   `schema:domainIncludes` (subclasses considered; the schema.org Role pattern honoured);
 * - `vocab/range` (warning): a value none of whose types is in the property's
 *   `schema:rangeIncludes`;
 * - `vocab/superseded` (warning): a property, type or enumeration member that has a
 *   `schema:supersededBy`, with the replacement in the hint.
 *
 * Never throws for bad input. Untyped nodes are not domain-checked, values of unknown type (an
 * untyped reference to an external IRI) are not range-checked, and literal formats (dates,
 * URLs) are left to the JSON Schema layer.
 */
export function checkVocabulary(context: ValidationContext, vocabulary: Vocabulary): Diagnostic[] {
  const check = new VocabularyCheck(context, vocabulary);
  for (const occurrence of context.nodes.occurrences) check.node(occurrence);
  return check.diagnostics;
}

/** A value's type as far as range checking goes. */
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

/**
 * Distinct unknown terms that get a "did you mean" hint in one run; later ones are reported
 * without. A hint is for a typo or two; past this many, the data is not misspelt schema.org.
 */
export const MAX_SUGGESTED_TERMS = 100;

/** How many classes a domain or range hint lists before eliding the rest. */
const MAX_LISTED_CLASSES = 8;

const NO_TYPES: ReadonlySet<string> = new Set();

class VocabularyCheck {
  readonly diagnostics: Diagnostic[] = [];
  private readonly sources: ReadonlyMap<string, SourceFile>;
  /** Each node object's occurrence, by the JSON object itself (values are looked up as found). */
  private readonly occurrenceOf = new Map<JsonValue, NodeOccurrence>();
  /** "Did you mean" answers so far, by kind and term (see `suggest`). */
  private readonly suggestions = new Map<string, string | undefined>();
  /** For each node IRI, the properties through which some node in the data points at it. */
  private readonly inbound = new Map<string, Set<string>>();
  private readonly schema: {
    role: string;
    url: string;
    number: string;
    boolean: string;
    text: string;
  };

  constructor(
    private readonly context: ValidationContext,
    private readonly vocabulary: Vocabulary,
  ) {
    this.sources = new Map(context.sources.map((source) => [source.path, source]));
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

  /** Checks one node object: its types, then each of its properties and their values. */
  node(occurrence: NodeOccurrence): void {
    const source = this.sources.get(occurrence.file);
    if (source === undefined) return;
    // A `@reverse` map (JSON-LD 1.1 §4.8) holds properties pointing *at* its parent node: the
    // terms are checked, but domain and range would be read backwards, so they are skipped.
    const reverse = isReverseMap(occurrence);
    const entries = Object.entries(occurrence.json).map(
      ([key, value]) => [key, value, this.context.terms.expandTerm(key)] as const,
    );
    // Types first (they may be written after the properties): a node whose types cannot all
    // be read as schema.org classes is not domain-checked, to avoid a warning per property.
    let typesComplete = true;
    for (const [key, value, term] of entries) {
      if (term.kind === 'keyword' && term.keyword === '@type') {
        const complete = this.types(source, childPointer(occurrence.pointer, key), value);
        typesComplete &&= complete;
      }
    }
    for (const [key, value, term] of entries) {
      if (term.kind === 'keyword') continue;
      const pointer = childPointer(occurrence.pointer, key);
      if (term.kind === 'unknown-prefix') {
        this.report(source, pointer, 'vocab/unknown-prefix', {
          message: `Property "${key}" uses the prefix "${term.prefix}", which the context does not define.`,
          hint: PREFIX_HINT,
        });
        continue;
      }
      if (!this.vocabulary.inNamespace(term.iri)) continue;
      const name = this.localName(term.iri);
      if (!this.vocabulary.isProperty(term.iri)) {
        const suggestion = this.suggest('property', name);
        this.report(source, pointer, 'vocab/unknown-property', {
          message: `"${key}" is not a schema.org property.`,
          ...(suggestion === undefined ? {} : { hint: `did you mean "${suggestion}"?` }),
        });
        continue;
      }
      this.superseded(source, pointer, term.iri, `Property "${key}"`);
      if (reverse) continue;
      if (typesComplete) this.domain(source, pointer, occurrence, term.iri, key);
      this.range(source, pointer, value, term.iri, key);
    }
  }

  /**
   * Checks the values of a `@type` member. Returns false when some value could not be read as
   * a known class, so the node's types are not trusted for domain checks.
   */
  private types(source: SourceFile, pointer: string, value: JsonValue): boolean {
    const items = Array.isArray(value)
      ? value.map((item, index) => ({ item, pointer: childPointer(pointer, index) }))
      : [{ item: value, pointer }];
    let complete = true;
    for (const { item, pointer: itemPointer } of items) {
      if (typeof item !== 'string') {
        complete = false;
        continue;
      }
      const term = this.context.terms.expandTerm(item);
      if (term.kind === 'unknown-prefix') {
        complete = false;
        this.report(source, itemPointer, 'vocab/unknown-prefix', {
          message: `Type "${item}" uses the prefix "${term.prefix}", which the context does not define.`,
          hint: PREFIX_HINT,
        });
      } else if (term.kind === 'iri' && this.vocabulary.inNamespace(term.iri)) {
        if (this.vocabulary.isClass(term.iri)) {
          this.superseded(source, itemPointer, term.iri, `Type "${item}"`);
          continue;
        }
        complete = false;
        const suggestion = this.suggest('class', this.localName(term.iri));
        this.report(source, itemPointer, 'vocab/unknown-type', {
          message: `"${item}" is not a schema.org type.`,
          ...(suggestion === undefined ? {} : { hint: `did you mean "${suggestion}"?` }),
        });
      } else {
        complete = false;
      }
    }
    return complete;
  }

  /** `vocab/superseded` for a term with a `schema:supersededBy`. */
  private superseded(source: SourceFile, pointer: string, iri: string, label: string): void {
    const replacements = this.vocabulary.supersededBy(iri);
    if (replacements.length === 0) return;
    const names = replacements.map((replacement) => `"${this.localName(replacement)}"`);
    this.report(source, pointer, 'vocab/superseded', {
      message: `${label} is superseded in schema.org by ${names.join(' or ')}.`,
      hint: `use ${names.join(' or ')} instead`,
    });
  }

  /** `vocab/domain`: the node's types must meet the property's `schema:domainIncludes`. */
  private domain(
    source: SourceFile,
    pointer: string,
    occurrence: NodeOccurrence,
    property: string,
    key: string,
  ): void {
    const domain = this.vocabulary.domainOf(property);
    const types = this.nodeTypes(occurrence);
    if (domain.size === 0 || types.size === 0 || !this.allSchemaClasses(types)) return;
    if (this.someFits(types, domain)) return;
    // Schema.org's Role pattern (https://schema.org/Role): a Role node between two entities
    // repeats the property that leads to it (Person -worksFor-> EmployeeRole -worksFor->
    // Organization), so that property is in domain on the Role.
    if (this.isRole(types) && this.propertiesLeadingTo(occurrence).has(property)) return;
    this.report(source, pointer, 'vocab/domain', {
      message: `Property "${key}" is not expected on ${this.describeTypes(types)}.`,
      hint: `schema.org expects "${this.localName(property)}" on ${this.listClasses(domain)}`,
    });
  }

  /** `vocab/range`: each value of the property must meet its `schema:rangeIncludes`. */
  private range(
    source: SourceFile,
    pointer: string,
    value: JsonValue,
    property: string,
    key: string,
  ): void {
    const range = this.vocabulary.rangeOf(property);
    for (const item of this.values(source, value, pointer)) {
      const type = this.valueType(item.value);
      if (type.kind === 'node' && type.iri !== undefined && this.vocabulary.inNamespace(type.iri)) {
        // An enumeration member or class named as a value (`{"@id": "schema:LikeAction"}`).
        this.superseded(source, item.pointer, type.iri, `Value "${this.localName(type.iri)}"`);
      }
      if (range.size === 0 || this.fitsRange(type, range, property)) continue;
      this.report(source, item.pointer, 'vocab/range', {
        message: `Property "${key}" expects ${this.listClasses(range, ' or ')}, not ${this.describeValue(type)}.`,
        ...this.rangeHint(item.value, type, range),
      });
    }
  }

  private fitsRange(type: ValueType, range: ReadonlySet<string>, property: string): boolean {
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

  private rangeHint(
    value: JsonValue,
    type: ValueType,
    range: ReadonlySet<string>,
  ): { hint?: string } {
    if (type.kind !== 'literal' || typeof value !== 'string') return {};
    // A string naming an enumeration member (`"InStock"`, `"https://schema.org/InStock"`) is a
    // literal in RDF, not the member: suggest the `@id` form.
    const name = value.replace(/^https?:\/\/schema\.org\//, '');
    const member = `${this.vocabulary.namespace}${name}`;
    const memberTypes = this.vocabulary.instanceTypesOf(member);
    if (memberTypes.size > 0 && this.someFits(memberTypes, range)) {
      return { hint: `write {"@id": "schema:${name}"} to name the enumeration member` };
    }
    const nodeClass = [...range].find((cls) => !this.vocabulary.isDataType(cls));
    if (nodeClass === undefined) return {};
    return {
      hint: `give a node ({"@type": "${this.localName(nodeClass)}", …}) or a reference ({"@id": …})`,
    };
  }

  /** The values under a property, flattening arrays and `@list`/`@set` objects. */
  private values(
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

  private valueType(value: JsonValue): ValueType {
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
  private nodeTypes(occurrence: NodeOccurrence): ReadonlySet<string> {
    const elsewhere =
      occurrence.iri === undefined ? NO_TYPES : this.context.nodes.typesOf(occurrence.iri);
    if (occurrence.types.length === 0) return elsewhere;
    return new Set([...occurrence.types, ...elsewhere]);
  }

  /**
   * The properties that lead to a node: the key it sits under in its parent, and, for a node
   * with an IRI (a Role in its own file), every property by which another node references it.
   */
  private propertiesLeadingTo(occurrence: NodeOccurrence): ReadonlySet<string> {
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
  private roleCarries(
    occurrence: NodeOccurrence,
    iri: string | undefined,
    property: string,
  ): boolean {
    const described = iri === undefined ? [] : (this.context.nodes.definitions.get(iri) ?? []);
    return [occurrence, ...described].some((node) =>
      node.keys.some((key) => {
        const term = this.context.terms.expandTerm(key);
        return term.kind === 'iri' && term.iri === property;
      }),
    );
  }

  private isRole(types: ReadonlySet<string>): boolean {
    return [...types].some((type) => this.vocabulary.isSubClassOf(type, this.schema.role));
  }

  private allSchemaClasses(types: ReadonlySet<string>): boolean {
    return [...types].every(
      (type) => this.vocabulary.inNamespace(type) && this.vocabulary.isClass(type),
    );
  }

  /** True when some type is (a subclass of) some class in `classes`. */
  private someFits(types: ReadonlySet<string>, classes: ReadonlySet<string>): boolean {
    return [...types].some((type) =>
      [...this.vocabulary.superClassesOf(type)].some((cls) => classes.has(cls)),
    );
  }

  private localName(iri: string): string {
    return this.vocabulary.inNamespace(iri) ? iri.slice(this.vocabulary.namespace.length) : iri;
  }

  private describeTypes(types: ReadonlySet<string>): string {
    return [...types].map((type) => withArticle(this.localName(type))).join(' and ');
  }

  private describeValue(type: ValueType): string {
    switch (type.kind) {
      case 'literal':
        if (type.datatype !== undefined) return `a ${this.localName(type.datatype)} value`;
        return { string: 'a text value', number: 'a number', boolean: 'a boolean' }[type.json];
      case 'node':
        return this.describeTypes(type.types);
      case 'unknown':
        return 'this value';
    }
  }

  private listClasses(classes: ReadonlySet<string>, separator = ', '): string {
    const names = [...classes].map((cls) => this.localName(cls)).sort();
    const listed = names.slice(0, MAX_LISTED_CLASSES);
    if (names.length > MAX_LISTED_CLASSES) listed.push('…');
    return listed.join(separator);
  }

  /**
   * "Did you mean" for an unknown term: looked up once per distinct term (each lookup compares
   * against every schema.org term), and for the first {@link MAX_SUGGESTED_TERMS} distinct
   * terms only, so a file of thousands of invented properties costs no more than a typo.
   */
  private suggest(kind: 'property' | 'class', name: string): string | undefined {
    const key = `${kind} ${name}`;
    if (this.suggestions.has(key)) return this.suggestions.get(key);
    if (this.suggestions.size >= MAX_SUGGESTED_TERMS) return undefined;
    const suggestion =
      kind === 'property'
        ? this.vocabulary.suggestProperty(name)
        : this.vocabulary.suggestClass(name);
    this.suggestions.set(key, suggestion);
    return suggestion;
  }

  private report(
    source: SourceFile,
    pointer: string,
    code: Code,
    detail: { message: string; hint?: string },
  ): void {
    this.diagnostics.push(
      diagnosticAt(source, pointer, { code, severity: CODES[code].severity, ...detail }),
    );
  }
}

const PREFIX_HINT =
  'use a prefix the schema.org context defines (foaf:, dcterms:, skos:, …) or write the full IRI';

function isReverseMap(occurrence: NodeOccurrence): boolean {
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

function withArticle(name: string): string {
  return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}
