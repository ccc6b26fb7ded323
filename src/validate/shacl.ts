import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { requireDirectory, toDisplayPath } from '../load/load-sources.js';
import type { Code } from '../model/codes.js';
import type { ProgressListener } from '../model/progress.js';
import {
  ProfileGraphError,
  sortDiagnostics,
  type Diagnostic,
  type Severity,
} from '../model/diagnostic.js';
import { NS, RDF_TYPE, toN3Term, type Quad } from '../rdf/data-factory.js';
import { parseRdf } from '../rdf/parse.js';
import type { ValidationContext } from './context.js';
import { diagnosticAtNode } from './locate-node.js';
import { createShaclRun, type ReportQuad, type ReportTerm, type ShaclRun } from './shacl-engine.js';
import { SHACL_WORKER_MIN_QUADS, validateInWorkers } from './shacl-in-worker.js';
import { shaclLocality } from './shacl-locality.js';
import { createNodeResultCache } from './shacl-node-cache.js';
import { RULE_SET_NAMES, type RuleSet } from './rule-sets.js';

/**
 * Layer 6 of `validate`: the SHACL shapes of the chosen rule sets (`shapes/*.ttl` for `profile`,
 * `shapes/google/*.ttl` for `google`), built once, run per dataset.
 */
export interface ShaclValidator {
  /** The shapes files read, repository-relative POSIX paths in the order they were read. */
  readonly files: readonly string[];
  /** The shapes as written in those files (without the schema.org subclass triples). */
  readonly shapes: readonly Quad[];
  /**
   * Validates `context.quads` against the shapes and returns one diagnostic per validation
   * result (SHACL §3.6), sorted: `shacl/violation` (error), `shacl/warning` or `shacl/info` by
   * `sh:resultSeverity`, located where the focus node is written in the JSON sources (at the
   * `sh:resultPath` key when that node object writes it). Never rejects for bad data; rejects
   * with a {@link ProfileGraphError} (`shacl/invalid-shapes`, exit code 2) when the shapes
   * themselves cannot be evaluated (for example a SPARQL syntax error in an `sh:select`).
   * `onProgress` hears of the parts validated (stage `shacl`; a graph validated whole is one).
   */
  validate(
    context: ValidationContext,
    signal?: AbortSignal,
    onProgress?: ProgressListener,
  ): Promise<Diagnostic[]>;
  /**
   * Whether a graph of this many quads is validated in a worker thread, so that it can run
   * alongside the other graph layers (an aborted run rejects and stops its worker).
   */
  runsApart(quadCount: number): boolean;
  /**
   * Nodes whose results were reused from an earlier graph, and nodes validated, since the
   * validator was built (see shacl-node-cache.ts); both 0 without the node cache.
   */
  readonly nodeCache: { readonly hits: number; readonly misses: number };
}

const SH = NS.sh;

const SEVERITIES: ReadonlyMap<string, { code: Code; severity: Severity }> = new Map([
  [`${SH}Violation`, { code: 'shacl/violation', severity: 'error' }],
  [`${SH}Warning`, { code: 'shacl/warning', severity: 'warning' }],
  [`${SH}Info`, { code: 'shacl/info', severity: 'info' }],
]);

/** The folder under the shapes directory that holds each rule set's SHACL shapes. */
const SHAPES_FOLDERS: Readonly<Partial<Record<RuleSet, string>>> = {
  profile: '.',
  google: 'google',
};

/**
 * Reads the `*.ttl` files of the chosen rule sets (default: all): `profile`'s directly in
 * `shapesDir` (resolved against `root`), `google`'s in its `google/` folder when there is one,
 * each folder in sorted name order; parses them into one shapes graph, adds the `rdfs:subClassOf` triples of the bundled
 * schema.org release, and builds the shacl-engine validator once (with SPARQL-based constraints
 * and targets when the shapes use them).
 *
 * shacl-engine resolves the subclasses of `sh:targetClass` and `sh:class` in the shapes graph,
 * not the data graph, so the vocabulary goes there: a shape targeting `schema:Organization`
 * then reaches `schema:CollegeOrUniversity` without listing every subclass, and the data graph
 * stays exactly the profile.
 *
 * Rejects with a {@link ProfileGraphError} (exit code 2): `io/not-found` when the directory is
 * missing, `io/unreadable` for a file that cannot be read, and `shacl/invalid-shapes` with
 * file, line and column for every shapes file that does not parse. A configuration error
 * stops the command before any data is validated, like a bad flag would.
 */
export async function createShaclValidator(
  shapesDir: string,
  root: string,
  {
    workerMinQuads = SHACL_WORKER_MIN_QUADS,
    ruleSets = RULE_SET_NAMES,
    nodeCache: reuseNodes = true,
    ...inWorkers
  }: {
    workerMinQuads?: number;
    /** Whose shapes to read (rule sets without SHACL shapes add none). */
    ruleSets?: readonly RuleSet[];
    /** Worker threads for a graph validated in parts (default: one per core). */
    workers?: number;
    /** Triples per part (default 25,000). */
    partQuads?: number;
    /**
     * Reuse the results of nodes described the same in an earlier graph (default true; see
     * shacl-node-cache.ts). Only with shapes that see no further than a node's neighbourhood,
     * and only for graphs validated in this thread.
     */
    nodeCache?: boolean;
  } = {},
): Promise<ShaclValidator> {
  // The profile's folder must exist (it is the configured shapes directory); google's may not.
  const absolute = await requireDirectory(shapesDir, root, 'Shapes');
  const files: string[] = [];
  const fileRuleSets: RuleSet[] = [];
  for (const ruleSet of ruleSets) {
    const folder = SHAPES_FOLDERS[ruleSet];
    if (folder === undefined) continue;
    for (const file of await listShapesFiles(path.join(absolute, folder), root)) {
      files.push(file);
      fileRuleSets.push(ruleSet);
    }
  }
  const diagnostics: Diagnostic[] = [];
  const shapes: Quad[] = [];
  const ruleSetOf = new Map<string, RuleSet>();
  for (const [index, file] of files.entries()) {
    const result = await parseRdf(await readShapesFile(file, root), 'turtle', {
      baseIri: pathToFileURL(path.resolve(root, file)).href,
      file,
    });
    shapes.push(...result.quads);
    for (const quad of result.quads)
      ruleSetOf.set(termKey(quad.subject), fileRuleSets[index] ?? 'profile');
    diagnostics.push(
      ...result.diagnostics.map((diagnostic) => ({
        ...diagnostic,
        code: 'shacl/invalid-shapes' as const,
        message: `Invalid shapes file: ${diagnostic.message}`,
      })),
    );
  }
  if (diagnostics.length > 0) throw new ProfileGraphError(diagnostics);
  if (shapes.length === 0)
    return {
      files,
      shapes,
      validate: () => Promise.resolve([]),
      runsApart: () => false,
      nodeCache: { hits: 0, misses: 0 },
    };

  const index = indexShapes(shapes, ruleSetOf);
  // Decided once per shapes graph: whether a large graph may be validated in parts.
  const locality = shaclLocality(shapes);
  const partition = locality.local ? { incoming: locality.incoming } : undefined;
  // The engine is built on first local use; large graphs are validated in a worker instead.
  let local: Promise<ShaclRun> | undefined;
  const cache =
    partition && reuseNodes ? createNodeResultCache<ResultNode>(partition.incoming) : undefined;

  return {
    files,
    shapes,
    runsApart: (quadCount) => quadCount >= workerMinQuads,
    nodeCache: cache?.stats ?? { hits: 0, misses: 0 },
    async validate(context, signal, onProgress) {
      let results: ResultNode[];
      try {
        if (context.quads.length >= workerMinQuads)
          results = resultNodes(
            await validateInWorkers(shapes, context.quads, {
              ...inWorkers,
              partition,
              signal,
              onProgress,
            }),
          );
        else if (cache) {
          onProgress?.('shacl', 0, 1);
          const { reused, owned, store } = cache.split(context.quads);
          const fresh =
            owned.size === 0
              ? []
              : resultNodes(await (await (local ??= createShaclRun(shapes)))(context.quads, owned));
          store(byFocusNode(fresh));
          results = [...reused, ...fresh];
          onProgress?.('shacl', 1, 1);
        } else {
          onProgress?.('shacl', 0, 1);
          results = resultNodes(
            await (
              await (local ??= createShaclRun(shapes))
            )(context.quads, partition && everyNode(context.quads)),
          );
          onProgress?.('shacl', 1, 1);
        }
      } catch (error) {
        // A worker's failure (runtime/*) is not the shapes'.
        if (error instanceof ProfileGraphError) throw error;
        throw new ProfileGraphError([
          {
            code: 'shacl/invalid-shapes' as const,
            severity: 'error',
            message: `The shapes in ${files.join(', ')} cannot be evaluated: ${
              error instanceof Error ? error.message : String(error)
            }`,
          },
        ]);
      }
      return toDiagnostics(results, context, index);
    },
  };
}

/**
 * The n3 term ids of every subject and object of a graph: the whole graph "owned", so each shape
 * is given its focus nodes, found in one pass over the quads (`ownedFocusNodes`). shacl-engine
 * would otherwise look every class target up by itself, one `match` per subclass of each
 * targeted class (hundreds for schema:Thing's), which cost a small page's graph ten times its
 * validation. Only for local shapes (see shacl-locality.ts), whose targets that pass finds.
 */
function everyNode(quads: readonly Quad[]): Set<string> {
  const ids = new Set<string>();
  for (const { subject, object } of quads) {
    ids.add(subject.id);
    if (object.termType !== 'Literal') ids.add(object.id);
  }
  return ids;
}

/** The `*.ttl` files directly in `folder`, sorted by name; none when it does not exist. */
async function listShapesFiles(folder: string, root: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ttl'))
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => toDisplayPath(path.join(folder, name), root));
}

async function readShapesFile(file: string, root: string): Promise<string> {
  try {
    return await readFile(path.resolve(root, file), 'utf8');
  } catch (error) {
    throw new ProfileGraphError([
      {
        code: 'io/unreadable',
        severity: 'error',
        message: `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
        file,
      },
    ]);
  }
}

/** What the messages of results need to know about the shapes graph. */
interface ShapesIndex {
  /** `sh:name` of each shape, by term key. */
  names: ReadonlyMap<string, string>;
  /** Shapes and SPARQL constraints that carry an authored `sh:message`, by term key. */
  withMessage: ReadonlySet<string>;
  /** The rule set of the file each shape was read from, by term key. */
  ruleSets: ReadonlyMap<string, RuleSet>;
  /**
   * The documentation a shape encodes (its `rdfs:seeAlso`, else that of the node shape whose
   * `sh:property` it is), by term key.
   */
  seeAlso: ReadonlyMap<string, string>;
}

const RDFS_SEE_ALSO = `${NS.rdfs}seeAlso`;

function indexShapes(shapes: readonly Quad[], ruleSets: ReadonlyMap<string, RuleSet>): ShapesIndex {
  const names = new Map<string, string>();
  const withMessage = new Set<string>();
  const seeAlso = new Map<string, string>();
  const parents = new Map<string, string>();
  for (const quad of shapes) {
    const key = termKey(quad.subject);
    if (quad.predicate.value === `${SH}name` && !names.has(key)) names.set(key, quad.object.value);
    if (quad.predicate.value === `${SH}message`) withMessage.add(key);
    if (quad.predicate.value === RDFS_SEE_ALSO && !seeAlso.has(key))
      seeAlso.set(key, quad.object.value);
    if (quad.predicate.value === `${SH}property`) parents.set(termKey(quad.object), key);
  }
  for (const [child, parent] of parents) {
    const documentation = seeAlso.get(parent);
    if (!seeAlso.has(child) && documentation !== undefined) seeAlso.set(child, documentation);
  }
  return { names, withMessage, ruleSets, seeAlso };
}

// --- report → diagnostics ------------------------------------------------------------------

/** The properties of one `sh:ValidationResult` node, by predicate IRI. */
type ResultNode = ReadonlyMap<string, readonly ReportTerm[]>;

/**
 * The validation results of a report (SHACL §3.6.2), each with a focus node; report nodes are
 * blank nodes labelled per run, so results are kept by value, not by label.
 */
function resultNodes(report: Iterable<ReportQuad>): ResultNode[] {
  const nodes = new Map<string, Map<string, ReportTerm[]>>();
  for (const quad of report) {
    const properties = nodes.get(termKey(quad.subject)) ?? new Map<string, ReportTerm[]>();
    const values = properties.get(quad.predicate.value) ?? [];
    values.push(quad.object);
    properties.set(quad.predicate.value, values);
    nodes.set(termKey(quad.subject), properties);
  }
  return [...nodes.values()].filter(
    (result) =>
      // Nested results (sh:detail) only appear with the engine's `details` option, not used here.
      (result.get(RDF_TYPE) ?? []).some((type) => type.value === `${SH}ValidationResult`) &&
      first(result, `${SH}focusNode`) !== undefined,
  );
}

/** Results by their focus node's n3 term id. */
function byFocusNode(results: readonly ResultNode[]): Map<string, ResultNode[]> {
  const grouped = new Map<string, ResultNode[]>();
  for (const result of results) {
    const focus = first(result, `${SH}focusNode`);
    if (focus === undefined) continue;
    const id = toN3Term(focus).id;
    const list = grouped.get(id);
    if (list === undefined) grouped.set(id, [result]);
    else list.push(result);
  }
  return grouped;
}

function toDiagnostics(
  results: readonly ResultNode[],
  context: ValidationContext,
  index: ShapesIndex,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const result of results) {
    const focus = first(result, `${SH}focusNode`);
    if (focus === undefined) continue;
    diagnostics.push(toDiagnostic(result, focus, context, index));
  }
  // Engine order follows shapes and targets; sort by a total order so output is stable.
  const ordered = diagnostics.sort(
    (a, b) =>
      compareText(a.focusNode ?? '', b.focusNode ?? '') ||
      compareText(a.pointer ?? '', b.pointer ?? '') ||
      compareText(a.message, b.message),
  );
  return sortDiagnostics(ordered);
}

function toDiagnostic(
  result: ResultNode,
  focus: ReportTerm,
  context: ValidationContext,
  index: ShapesIndex,
): Diagnostic {
  const severityIri = first(result, `${SH}resultSeverity`)?.value ?? '';
  // SHACL §3.4.1 allows any IRI as a severity; an unknown one is treated as a violation.
  const { code, severity } = SEVERITIES.get(severityIri) ?? {
    code: 'shacl/violation',
    severity: 'error',
  };
  const path = first(result, `${SH}resultPath`);
  // Only a predicate path (SHACL §2.3.1.1) names one key; other paths locate the node.
  const predicate = path?.termType === 'NamedNode' ? path.value : undefined;
  const resultMessage = pickMessage(
    result.get(`${SH}resultMessage`) ?? [],
    context.config.language,
  );
  // The engine fills sh:resultMessage with its own terse text ("Less than 1 values") when the
  // shape has none; only an authored message stands alone.
  const authored = [first(result, `${SH}sourceShape`), first(result, `${SH}sourceConstraint`)].some(
    (term) => term !== undefined && index.withMessage.has(termKey(term)),
  );
  const message =
    authored && resultMessage !== undefined
      ? resultMessage
      : defaultMessage(result, path, index, resultMessage);
  const shape = first(result, `${SH}sourceShape`);
  const ruleSet = shape && index.ruleSets.get(termKey(shape));
  const seeAlso = shape && index.seeAlso.get(termKey(shape));
  return diagnosticAtNode(toN3Term(focus), context, predicate, {
    code,
    severity,
    message,
    ...(ruleSet === undefined ? {} : { ruleSet }),
    ...(seeAlso === undefined ? {} : { seeAlso }),
  });
}

/** The message in the site's language, else one without a language tag, else the first. */
function pickMessage(messages: readonly ReportTerm[], language: string): string | undefined {
  const chosen =
    messages.find((message) => message.language?.toLowerCase() === language.toLowerCase()) ??
    messages.find((message) => (message.language ?? '') === '') ??
    messages[0];
  return chosen?.value;
}

/**
 * For shapes without `sh:message`: names the value, the path, the constraint and the shape,
 * followed by the engine's own explanation when it gave one.
 */
function defaultMessage(
  result: ResultNode,
  path: ReportTerm | undefined,
  index: ShapesIndex,
  detail: string | undefined,
): string {
  const component = first(result, `${SH}sourceConstraintComponent`);
  const constraint =
    component === undefined ? 'a constraint' : `sh:${constraintName(component.value)}`;
  const value = first(result, `${SH}value`);
  const shape = first(result, `${SH}sourceShape`);
  const shapeName = shape === undefined ? undefined : index.names.get(termKey(shape));
  const subject =
    path === undefined
      ? 'The node'
      : value === undefined
        ? compact(path)
        : `Value ${JSON.stringify(value.value)} of ${compact(path)}`;
  const origin = shapeName === undefined ? '' : ` (shape "${shapeName}")`;
  const explanation = detail === undefined ? '' : `: ${detail.replace(/\.$/, '')}`;
  return `${subject} does not satisfy ${constraint}${origin}${explanation}.`;
}

/** `sh:MinCountConstraintComponent` → `minCount`, `sh:SPARQLConstraintComponent` → `sparql`. */
function constraintName(iri: string): string {
  const name = iri.replace(SH, '').replace(/ConstraintComponent$/, '');
  return name === 'SPARQL' ? 'sparql' : name.charAt(0).toLowerCase() + name.slice(1);
}

function compact(term: ReportTerm): string {
  if (term.termType !== 'NamedNode') return 'a property path';
  return term.value.startsWith(NS.schema)
    ? `schema:${term.value.slice(NS.schema.length)}`
    : `<${term.value}>`;
}

function first(result: ResultNode, predicate: string): ReportTerm | undefined {
  return result.get(predicate)?.[0];
}

function termKey(term: ReportTerm): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : `${term.termType}:${term.value}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
