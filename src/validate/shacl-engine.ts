import { pathToFileURL } from 'node:url';
import { Store } from 'n3';
import { ProfileGraphError } from '../model/diagnostic.js';
import { NS, type Quad } from '../rdf/data-factory.js';
import { vendorFile } from '../rdf/vendor-files.js';
import { loadSchemaOrg } from '../vocab/schema-vocabulary.js';
import { ownedFocusNodes, readShapeTargets } from './shacl-targets.js';

// shacl-engine 1.1.2 ships JavaScript without type declarations; these interfaces describe the
// part of its API used here (README: `new Validator(dataset, { factory, validations,
// targetResolvers })`, `validate({ dataset })` → report with an RDF/JS `dataset`).

/** The RDF/JS term shape read from reports (any RDF/JS implementation satisfies it). */
export interface ReportTerm {
  termType: string;
  value: string;
  language?: string;
  datatype?: { value: string };
}

/** One triple of a validation report (SHACL §3.6.1). */
export interface ReportQuad {
  subject: ReportTerm;
  predicate: ReportTerm;
  object: ReportTerm;
}

/**
 * Validates a data graph against the shapes it was built with; resolves to the report's
 * triples. With `owned` (n3 term ids), the graph is a part of a larger one (see
 * shacl-partition.ts) and only the owned nodes among the shapes' targets are validated.
 */
export type ShaclRun = (
  quads: readonly Quad[],
  owned?: ReadonlySet<string>,
) => Promise<Iterable<ReportQuad>>;

interface EngineValidator {
  /** README: `validate({ dataset, terms }, shapes)`; `terms` are then the focus nodes. */
  validate(
    data: { dataset: unknown; terms?: Iterable<unknown> },
    shapes?: { terms: unknown[] }[],
  ): Promise<EngineReport>;
}

/**
 * The engine's report: `dataset` is built on first read (lib/Report.js), from `results`, the
 * validation results found.
 */
interface EngineReport {
  readonly results: readonly unknown[];
  readonly dataset: Iterable<ReportQuad>;
}

/** The report's triples; none when it has no result (a conforming report's two are not read). */
function reportQuads(report: EngineReport): Iterable<ReportQuad> {
  return report.results.length === 0 ? [] : report.dataset;
}

type EngineValidatorClass = new (
  shapes: unknown,
  options: { factory: unknown; validations?: unknown; targetResolvers?: unknown },
) => EngineValidator;

interface Engine {
  environment: (typeof import('@zazuko/env'))['default'];
  Validator: EngineValidatorClass;
  plugins: { validations?: unknown; targetResolvers?: unknown };
}

const SH = NS.sh;

/**
 * Builds shacl-engine for the shapes once: the schema.org subclass triples go into the shapes
 * graph (shacl-engine resolves subclasses of `sh:targetClass` and `sh:class` there), and the
 * SPARQL plugin (a Comunica engine) is loaded only when the shapes use `sh:sparql`/`sh:select`.
 * Rejects when a shape cannot be evaluated.
 */
export async function createShaclRun(shapes: readonly Quad[]): Promise<ShaclRun> {
  const usesSparql = shapes.some(
    (quad) => quad.predicate.value === `${SH}sparql` || quad.predicate.value === `${SH}select`,
  );
  const engine = await loadEngine(usesSparql);
  // The class hierarchy of the bundled schema.org release, parsed once with the vocabulary's.
  const shapesGraph = [...shapes, ...loadSchemaOrg().subClassTriples];
  const validator = new engine.Validator(engine.environment.dataset(shapesGraph), {
    factory: engine.environment,
    ...engine.plugins,
  });
  const targets = readShapeTargets(shapesGraph);
  return async (quads, owned) => {
    // n3's Store is an RDF/JS DatasetCore that indexes faster, and with far less garbage, than
    // the environment's dataset: 30% less time for the whole SHACL layer.
    const dataset = new Store([...quads]);
    if (owned === undefined) return reportQuads(await validator.validate({ dataset }));
    // The engine would also validate the neighbours a part holds, with too little of their
    // neighbourhood: each shape gets its owned focus nodes instead.
    const report: ReportQuad[] = [];
    for (const { shape, nodes } of ownedFocusNodes(targets, quads, owned))
      // Most shapes find nothing: building their reports' datasets was a sixth of the layer.
      for (const quad of reportQuads(
        await validator.validate({ dataset, terms: nodes }, [{ terms: [shape] }]),
      ))
        report.push(quad);
    return report;
  };
}

/**
 * Loads shacl-engine and its RDF/JS environment on first use, so commands that never validate
 * do not pay for them; the SPARQL plugin (a Comunica query engine) only when shapes need it.
 * shacl-engine comes bundled in `vendor/shacl-engine/` (scripts/vendor.js): depending on the
 * package would install Comunica for everyone. Rejects with `shacl/sparql-unavailable` when
 * the shapes need SPARQL and Comunica, an optional peer dependency, is not installed.
 */
async function loadEngine(withSparql: boolean): Promise<Engine> {
  const { default: environment } = await import('@zazuko/env');
  const core = (await importVendored('index.js')) as { Validator: EngineValidatorClass };
  if (!withSparql) return { environment, Validator: core.Validator, plugins: {} };
  const sparql = (await loadSparqlPlugin(() => importVendored('sparql.js'))) as Engine['plugins'];
  return {
    environment,
    Validator: core.Validator,
    plugins: { validations: sparql.validations, targetResolvers: sparql.targetResolvers },
  };
}

function importVendored(file: string): Promise<unknown> {
  return import(pathToFileURL(vendorFile(`shacl-engine/${file}`)).href);
}

/** The major version of {@link SPARQL_PLUGIN_PACKAGES} that shacl-engine 1.1 is written for. */
export const SPARQL_PLUGIN_RANGE = '5';

/** The packages shacl-engine's SPARQL plugin imports (optional peer dependencies). */
export const SPARQL_PLUGIN_PACKAGES = [
  '@comunica/query-sparql-rdfjs-lite',
  '@comunica/utils-bindings-factory',
] as const;

/**
 * Imports shacl-engine's SPARQL plugin with `load`; when one of {@link SPARQL_PLUGIN_PACKAGES}
 * is not installed, rejects with a {@link ProfileGraphError} (`shacl/sparql-unavailable`, exit
 * code 2) that names the command installing them. Other failures reject unchanged.
 */
export async function loadSparqlPlugin(load: () => Promise<unknown>): Promise<unknown> {
  try {
    return await load();
  } catch (error) {
    const missing = SPARQL_PLUGIN_PACKAGES.find(
      (name) =>
        (error as { code?: unknown } | undefined)?.code === 'ERR_MODULE_NOT_FOUND' &&
        error instanceof Error &&
        error.message.includes(`'${name}'`),
    );
    if (missing === undefined) throw error;
    throw new ProfileGraphError([
      {
        code: 'shacl/sparql-unavailable',
        severity: 'error',
        message: `The shapes use SPARQL (sh:sparql or sh:select), which needs the optional package ${missing}; install it with: npm install ${SPARQL_PLUGIN_PACKAGES.map((name) => `${name}@${SPARQL_PLUGIN_RANGE}`).join(' ')}`,
      },
    ]);
  }
}
