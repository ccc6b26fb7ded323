import { readFileSync } from 'node:fs';
import { Parser } from 'n3';
import { NS, RDF_TYPE, type Quad } from '../rdf/data-factory.js';
import { vendorFile } from '../rdf/vendor-files.js';
import { createSuggester } from './did-you-mean.js';

/** The bundled schema.org release (http namespace), see `vendor/schemaorg/README.md`. */
export const SCHEMA_ORG_VOCABULARY_FILE = 'schemaorg/schemaorg-current-http.ttl';

const RDFS_CLASS = `${NS.rdfs}Class`;
const RDFS_SUB_CLASS_OF = `${NS.rdfs}subClassOf`;
const RDFS_SUB_PROPERTY_OF = `${NS.rdfs}subPropertyOf`;
const RDF_PROPERTY = `${NS.rdf}Property`;

/**
 * An index of the schema.org vocabulary: which IRIs are classes, data types, properties and
 * enumeration members, the class hierarchy, each property's `schema:domainIncludes` and
 * `schema:rangeIncludes`, and which terms are superseded. Immutable; build it once with
 * {@link loadVocabulary} and pass it to whoever needs it.
 *
 * All arguments and results are absolute IRIs unless a member says otherwise.
 */
export interface Vocabulary {
  /** The vocabulary namespace, `http://schema.org/`. */
  readonly namespace: string;
  /** Every class (including data types), in the namespace or not (the release lists a few external ones). */
  readonly classes: ReadonlySet<string>;
  /** Every property (`rdf:Property`). */
  readonly properties: ReadonlySet<string>;
  /** True when the IRI is in {@link Vocabulary.namespace}. */
  inNamespace(iri: string): boolean;
  /** True for an `rdfs:Class`, data types included (`schema:Text`, `schema:URL`...). */
  isClass(iri: string): boolean;
  /**
   * True for a data type: an instance of `schema:DataType` (`Text`, `Number`, `Date`,
   * `Boolean`, `Quantity`...) or a subclass of one (`URL`, `Integer`, `Float`, `Duration`...).
   */
  isDataType(iri: string): boolean;
  /** True for an `rdf:Property`. */
  isProperty(iri: string): boolean;
  /**
   * The classes a named instance is declared with: an enumeration member
   * (`schema:OnlineOnly` → `schema:ItemAvailability`) or a data type value (`schema:True` →
   * `schema:Boolean`). Empty for anything else, classes included.
   */
  instanceTypesOf(iri: string): ReadonlySet<string>;
  /**
   * The class and all its superclasses (`rdfs:subClassOf`, transitive, inclusive). Empty for
   * an IRI that is not a class.
   */
  superClassesOf(iri: string): ReadonlySet<string>;
  /** True when `subClass` is `superClass` or one of its subclasses. */
  isSubClassOf(subClass: string, superClass: string): boolean;
  /** The property and all its super-properties (`rdfs:subPropertyOf`, transitive, inclusive). */
  superPropertiesOf(iri: string): ReadonlySet<string>;
  /** `schema:domainIncludes` of a property (empty when undeclared or not a property). */
  domainOf(property: string): ReadonlySet<string>;
  /** `schema:rangeIncludes` of a property (empty when undeclared or not a property). */
  rangeOf(property: string): ReadonlySet<string>;
  /** The replacements (`schema:supersededBy`) of a term; empty when it is current. */
  supersededBy(iri: string): readonly string[];
  /**
   * The local name of the property closest to `name` (a local name such as `almuniOf`), or
   * undefined when none is close enough (see `createSuggester`).
   */
  suggestProperty(name: string): string | undefined;
  /** The local name of the class closest to `name` (e.g. `Persn` → `Person`), or undefined. */
  suggestClass(name: string): string | undefined;
}

/**
 * Reads and indexes a schema.org vocabulary file (default: the bundled release, about 1 MB of
 * Turtle). Throws if the file is missing or does not parse: for the bundled release that is a
 * broken installation, not bad input. The bundled release is parsed once per thread and shared
 * (see {@link loadSchemaOrg}).
 */
export function loadVocabulary(file?: string, namespace: string = NS.schema): Vocabulary {
  if (file === undefined && namespace === NS.schema) return loadSchemaOrg().vocabulary;
  return parseVocabulary(
    readFileSync(file ?? vendorFile(SCHEMA_ORG_VOCABULARY_FILE), 'utf8'),
    namespace,
  );
}

/** What the validation layers take from the bundled schema.org release. */
export interface SchemaOrgRelease {
  /** The vocabulary index (see {@link Vocabulary}). */
  vocabulary: Vocabulary;
  /** Its `rdfs:subClassOf` triples, which SHACL adds to the shapes graph (about 950). */
  subClassTriples: readonly Quad[];
}

let release: SchemaOrgRelease | undefined;

/**
 * The bundled release, parsed on first use and kept for the thread's life: the vocabulary layer
 * and SHACL (which needs the class hierarchy in its shapes graph) share one parse, the costliest
 * step of building the validators. Throws like {@link loadVocabulary}.
 */
export function loadSchemaOrg(): SchemaOrgRelease {
  if (release === undefined) {
    const quads = new Parser({ format: 'text/turtle' }).parse(
      readFileSync(vendorFile(SCHEMA_ORG_VOCABULARY_FILE), 'utf8'),
    );
    release = {
      vocabulary: vocabularyFromQuads(quads),
      subClassTriples: quads.filter((quad) => quad.predicate.value === RDFS_SUB_CLASS_OF),
    };
  }
  return release;
}

/** Parses a schema.org-style vocabulary from Turtle text and indexes it; throws on bad Turtle. */
export function parseVocabulary(turtle: string, namespace: string = NS.schema): Vocabulary {
  return vocabularyFromQuads(new Parser({ format: 'text/turtle' }).parse(turtle), namespace);
}

/** Indexes a schema.org-style vocabulary from its triples (the graph is ignored). */
export function vocabularyFromQuads(
  quads: Iterable<Quad>,
  namespace: string = NS.schema,
): Vocabulary {
  const domainIncludes = `${namespace}domainIncludes`;
  const rangeIncludes = `${namespace}rangeIncludes`;
  const supersededByPredicate = `${namespace}supersededBy`;
  const dataTypeClass = `${namespace}DataType`;

  const classes = new Set<string>();
  const properties = new Set<string>();
  const declaredDataTypes = new Set<string>();
  const typesOf = new Map<string, Set<string>>();
  const subClassOf = new Map<string, Set<string>>();
  const subPropertyOf = new Map<string, Set<string>>();
  const domains = new Map<string, Set<string>>();
  const ranges = new Map<string, Set<string>>();
  const replacements = new Map<string, string[]>();

  for (const { subject, predicate, object } of quads) {
    if (subject.termType !== 'NamedNode' || object.termType !== 'NamedNode') continue;
    const s = subject.value;
    const o = object.value;
    switch (predicate.value) {
      case RDF_TYPE:
        if (o === RDFS_CLASS) classes.add(s);
        else if (o === RDF_PROPERTY) properties.add(s);
        else {
          if (o === dataTypeClass) declaredDataTypes.add(s);
          addTo(typesOf, s, o);
        }
        break;
      case RDFS_SUB_CLASS_OF:
        classes.add(s);
        addTo(subClassOf, s, o);
        break;
      case RDFS_SUB_PROPERTY_OF:
        addTo(subPropertyOf, s, o);
        break;
      case domainIncludes:
        addTo(domains, s, o);
        break;
      case rangeIncludes:
        addTo(ranges, s, o);
        break;
      case supersededByPredicate: {
        const list = replacements.get(s) ?? [];
        list.push(o);
        replacements.set(s, list);
        break;
      }
      default:
        break;
    }
  }
  // `schema:Text a schema:DataType` makes Text a class even without `a rdfs:Class`.
  for (const dataType of declaredDataTypes) classes.add(dataType);

  const superClasses = new Map<string, ReadonlySet<string>>();
  for (const cls of classes) closure(cls, subClassOf, superClasses);
  const superProperties = new Map<string, ReadonlySet<string>>();
  for (const property of properties) closure(property, subPropertyOf, superProperties);

  const dataTypes = new Set<string>();
  for (const cls of classes) {
    const supers = superClasses.get(cls) ?? new Set<string>();
    if (cls !== dataTypeClass && [...supers].some((s) => declaredDataTypes.has(s))) {
      dataTypes.add(cls);
    }
  }

  // Named instances: enumeration members and data type values. Data types themselves are
  // instances of schema:DataType, which is a class, not a value.
  const instanceTypes = new Map<string, ReadonlySet<string>>();
  for (const [iri, types] of typesOf) {
    const classTypes = new Set([...types].filter((t) => classes.has(t) && t !== dataTypeClass));
    if (classTypes.size > 0) instanceTypes.set(iri, classTypes);
  }

  const localNames = (iris: Iterable<string>) =>
    [...iris].filter((iri) => iri.startsWith(namespace)).map((iri) => iri.slice(namespace.length));
  const suggestProperty = createSuggester(localNames(properties));
  const suggestClass = createSuggester(localNames(classes));
  const none: ReadonlySet<string> = new Set();
  const noReplacements: readonly string[] = [];

  return {
    namespace,
    classes,
    properties,
    inNamespace: (iri) => iri.startsWith(namespace) && iri.length > namespace.length,
    isClass: (iri) => classes.has(iri),
    isDataType: (iri) => dataTypes.has(iri),
    isProperty: (iri) => properties.has(iri),
    instanceTypesOf: (iri) => instanceTypes.get(iri) ?? none,
    superClassesOf: (iri) => superClasses.get(iri) ?? none,
    isSubClassOf: (subClass, superClass) => superClasses.get(subClass)?.has(superClass) ?? false,
    superPropertiesOf: (iri) => superProperties.get(iri) ?? none,
    domainOf: (property) => domains.get(property) ?? none,
    rangeOf: (property) => ranges.get(property) ?? none,
    supersededBy: (iri) => replacements.get(iri) ?? noReplacements,
    suggestProperty,
    suggestClass,
  };
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

/** Transitive, inclusive closure of `edges` from `start`, memoised in `done`; cycle-safe. */
function closure(
  start: string,
  edges: ReadonlyMap<string, ReadonlySet<string>>,
  done: Map<string, ReadonlySet<string>>,
): ReadonlySet<string> {
  const known = done.get(start);
  if (known !== undefined) return known;
  const result = new Set<string>([start]);
  const stack = [start];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const finished = next === start ? undefined : done.get(next);
    if (finished !== undefined) {
      for (const item of finished) result.add(item);
      continue;
    }
    for (const parent of edges.get(next) ?? []) {
      if (!result.has(parent)) {
        result.add(parent);
        stack.push(parent);
      }
    }
  }
  done.set(start, result);
  return result;
}
