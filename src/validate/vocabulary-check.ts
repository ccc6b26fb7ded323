import { childPointer } from '../load/json-pointer.js';
import type { NodeOccurrence } from './node-index.js';
import { diagnosticAt, type JsonValue, type SourceFile } from '../load/source-file.js';
import { CODES, type Code } from '../model/codes.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { countProgress, type ProgressListener } from '../model/progress.js';
import type { Vocabulary } from '../vocab/schema-vocabulary.js';
import type { ValidationContext } from './context.js';
import { isReverseMap, VocabularyGraph, type ValueType } from './value-types.js';
import { describeTypes, describeValue, listClasses, localName } from './vocabulary-wording.js';

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
 * `onProgress` hears of the node occurrences checked (stage `vocabulary`).
 *
 * Never throws for bad input. Untyped nodes are not domain-checked, values of unknown type (an
 * untyped reference to an external IRI) are not range-checked, and literal formats (dates,
 * URLs) are left to the JSON Schema layer.
 */
export function checkVocabulary(
  context: ValidationContext,
  vocabulary: Vocabulary,
  onProgress?: ProgressListener,
): Diagnostic[] {
  const check = new VocabularyCheck(context, vocabulary);
  const { occurrences } = context.nodes;
  const progress = countProgress(onProgress, 'vocabulary', occurrences.length);
  for (const occurrence of occurrences) {
    check.node(occurrence);
    progress.tick();
  }
  progress.end();
  return check.diagnostics;
}

/**
 * Distinct unknown terms that get a "did you mean" hint in one run; later ones are reported
 * without. A hint is for a typo or two; past this many, the data is not misspelt schema.org.
 */
export const MAX_SUGGESTED_TERMS = 100;

class VocabularyCheck {
  readonly diagnostics: Diagnostic[] = [];
  private readonly sources: ReadonlyMap<string, SourceFile>;
  private readonly graph: VocabularyGraph;
  /** "Did you mean" answers so far, by kind and term (see `suggest`). */
  private readonly suggestions = new Map<string, string | undefined>();

  constructor(
    private readonly context: ValidationContext,
    private readonly vocabulary: Vocabulary,
  ) {
    this.sources = new Map(context.sources.map((source) => [source.path, source]));
    this.graph = new VocabularyGraph(context, vocabulary);
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
      const name = localName(this.vocabulary, term.iri);
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
        const suggestion = this.suggest('class', localName(this.vocabulary, term.iri));
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
    const names = replacements.map((replacement) => `"${localName(this.vocabulary, replacement)}"`);
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
    const types = this.graph.nodeTypes(occurrence);
    if (domain.size === 0 || types.size === 0 || !this.graph.allSchemaClasses(types)) return;
    if (this.graph.someFits(types, domain)) return;
    // Schema.org's Role pattern (https://schema.org/Role): a Role node between two entities
    // repeats the property that leads to it (Person -worksFor-> EmployeeRole -worksFor->
    // Organization), so that property is in domain on the Role.
    if (this.graph.isRole(types) && this.graph.propertiesLeadingTo(occurrence).has(property))
      return;
    this.report(source, pointer, 'vocab/domain', {
      message: `Property "${key}" is not expected on ${describeTypes(this.vocabulary, types)}.`,
      hint: `schema.org expects "${localName(this.vocabulary, property)}" on ${listClasses(this.vocabulary, domain)}`,
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
    for (const item of this.graph.values(source, value, pointer)) {
      const type = this.graph.valueType(item.value);
      if (type.kind === 'node' && type.iri !== undefined && this.vocabulary.inNamespace(type.iri)) {
        // An enumeration member or class named as a value (`{"@id": "schema:LikeAction"}`).
        this.superseded(
          source,
          item.pointer,
          type.iri,
          `Value "${localName(this.vocabulary, type.iri)}"`,
        );
      }
      if (range.size === 0 || this.graph.fitsRange(type, range, property)) continue;
      this.report(source, item.pointer, 'vocab/range', {
        message: `Property "${key}" expects ${listClasses(this.vocabulary, range, ' or ')}, not ${describeValue(this.vocabulary, type)}.`,
        ...this.rangeHint(item.value, type, range),
      });
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
    if (memberTypes.size > 0 && this.graph.someFits(memberTypes, range)) {
      return { hint: `write {"@id": "schema:${name}"} to name the enumeration member` };
    }
    const nodeClass = [...range].find((cls) => !this.vocabulary.isDataType(cls));
    if (nodeClass === undefined) return {};
    return {
      hint: `give a node ({"@type": "${localName(this.vocabulary, nodeClass)}", …}) or a reference ({"@id": …})`,
    };
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
