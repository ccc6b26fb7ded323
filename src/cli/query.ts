import path from 'node:path';
import { availableParallelism } from 'node:os';
import { readTextFile } from '../load/load-sources.js';
import { buildDataset, openProject } from '../pipeline/run-pipeline.js';
import { findRdfFormat, RDF_FORMATS, RESULT_FORMATS, type RdfFormatName } from '../rdf/formats.js';
import { serialize } from '../rdf/serialize.js';
import {
  createDataset,
  createSparqlEngine,
  DEFAULT_LIMITS,
  prepareQuery,
  type QueryRequest,
} from '../sparql/engine.js';
import { queryFailure, type QueryFailure } from '../sparql/failure.js';
import { returnsSolutions, type QueryForm } from '../sparql/inspect-query.js';
import { jsonToResults } from '../sparql/query-result.js';
import {
  resultsToTable,
  writeSolutions,
  type SolutionFormatName,
} from '../sparql/result-serializers.js';
import { parseCommandArgs, unexpectedArgument, usageError } from './args.js';
import type { CliIo } from './io.js';
import { PROJECT_OPTIONS, projectFlags } from './project-options.js';
import { formatDiagnosticLine } from './report/text.js';

export const QUERY_HELP = `Usage: profile-graph query [QUERY|-] [options]
       profile-graph query --file FILE [options]

Runs a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the profile's data, or with
--endpoint on a remote SPARQL endpoint, and prints the result. QUERY is the query text; - (or
--file -) reads it from standard input. Relative IRIs in the query resolve against the base URL.
The data is validated first and queried as "serve" publishes it (with the ProfilePage's
dateCreated/dateModified from the data's history), so the answer is the one /sparql gives.

Options:
  --file FILE            read the query from FILE
  --format FORMAT        SELECT/ASK: table (default), json, xml, csv, tsv (csv and tsv: SELECT)
                         CONSTRUCT/DESCRIBE: turtle (default; also for table), ntriples,
                         nquads, trig, rdfxml (also xml), jsonld (also json)
  --data DIR             data directory (default from the configuration)
  --shapes DIR           shapes directory the data is validated with (default as for validate)
  --base-url URL         base IRI (default: baseUrl in the configuration)
  --config FILE          configuration file (default: ./profile-graph.config.json if present)
  --cache DIR, --no-cache   the validation cache, as for validate
  --endpoint URL         send the query to this SPARQL 1.1 endpoint (POST, form-encoded)
  --default-graph-uri IRI, --named-graph-uri IRI
                         the dataset to query (SPARQL 1.1 Protocol §2.1.4); repeatable
  --timeout SECONDS      time limit (default ${DEFAULT_LIMITS.timeoutMs / 1000}; with --endpoint: how long to wait, default 60)
  --max-results N        result-size limit (default ${DEFAULT_LIMITS.maxResults}; local queries)
  --max-bytes N          result-size limit in bytes (default ${DEFAULT_LIMITS.maxResultBytes}; local queries)
  -h, --help             show this help

Exit status: 0 answered, 1 the query or the data has errors (or the endpoint refused the
query), 2 usage or configuration error (or the endpoint cannot be reached).
`;

const SOLUTION_FORMATS = [
  'table',
  ...RESULT_FORMATS.filter((f) => f.name !== 'html').map((f) => f.name),
];
const GRAPH_FORMAT_ALIASES: Readonly<Record<string, RdfFormatName>> = {
  table: 'turtle',
  json: 'jsonld',
  xml: 'rdfxml',
};
const REMOTE_TIMEOUT_MS = 60_000;

/** The query-shape limits for a query sent elsewhere: none (the endpoint sets its own). */
const NO_SHAPE_LIMITS = { maxQueryLength: Infinity, maxDepth: Infinity, maxTerms: Infinity };

/** `profile-graph query`: prints the result on stdout and returns the exit status. */
export async function runQuery(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('query', argv, {
    file: { type: 'string' },
    format: { type: 'string' },
    endpoint: { type: 'string' },
    'default-graph-uri': { type: 'string', multiple: true },
    'named-graph-uri': { type: 'string', multiple: true },
    timeout: { type: 'string' },
    'max-results': { type: 'string' },
    'max-bytes': { type: 'string' },
    ...PROJECT_OPTIONS,
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(QUERY_HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw unexpectedArgument(
      'query',
      positionals[1] ?? '',
      'give one QUERY (quote it), or use --file',
    );
  const inline = positionals[0];
  if (inline !== undefined && values.file !== undefined)
    throw usageError('query: give either QUERY or --file, not both.');
  if (inline === undefined && values.file === undefined)
    throw usageError(
      'query: give the query as an argument, with --file FILE, or - for standard input.',
    );
  if (
    values.endpoint !== undefined &&
    (values.data !== undefined ||
      values.shapes !== undefined ||
      values['max-results'] !== undefined ||
      values['max-bytes'] !== undefined)
  )
    throw usageError(
      'query: --data, --shapes, --max-results and --max-bytes apply to local queries, not with --endpoint.',
    );

  const source = values.file ?? (inline === '-' ? '-' : undefined);
  const text =
    source === undefined
      ? (inline as string)
      : source === '-'
        ? await io.readStdin()
        : await readTextFile(source, io.cwd);
  const file =
    source === undefined
      ? undefined
      : source === '-'
        ? '-'
        : path.relative(io.cwd, path.resolve(io.cwd, source)).split(path.sep).join('/');

  const timeoutMs = parsePositive('--timeout', values.timeout, 1000);
  const maxResults = parsePositive('--max-results', values['max-results'], 1);
  const maxResultBytes = parsePositive('--max-bytes', values['max-bytes'], 1);
  const request: QueryRequest = {
    query: text,
    defaultGraphs: values['default-graph-uri'] ?? [],
    namedGraphs: values['named-graph-uri'] ?? [],
  };

  // A remote endpoint has limits of its own: only the local engine's apply here.
  const prepared = prepareQuery(
    text,
    values.endpoint === undefined ? DEFAULT_LIMITS : NO_SHAPE_LIMITS,
  );
  if (!prepared.ok) return reportFailure(io, prepared.failure, file);
  const output = outputFormat(values.format, prepared.form);

  if (values.endpoint !== undefined) {
    return queryEndpoint(
      io,
      values.endpoint,
      request,
      output,
      prepared.form,
      file,
      timeoutMs ?? REMOTE_TIMEOUT_MS,
    );
  }

  const project = await openProject(projectFlags(values), io);
  const { config } = project;
  const documentLoader = project.validators.documentLoader;
  const built = await buildDataset(project, { workers: availableParallelism() });
  if (!built.ok) {
    for (const diagnostic of built.diagnostics)
      io.stderr(`${formatDiagnosticLine(diagnostic, io.isTty)}\n`);
    return 1;
  }

  const engine = createSparqlEngine({
    workers: 1,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(maxResults === undefined ? {} : { maxResults }),
    ...(maxResultBytes === undefined ? {} : { maxResultBytes }),
  });
  try {
    const outcome = await engine.query(
      createDataset(built.dataset.quads, { baseIri: config.baseUrl }),
      request,
    );
    if (!outcome.ok) return reportFailure(io, outcome.failure, file);
    const result = outcome.result;
    if (result.kind === 'graph') {
      const format = output.graph;
      io.stdout(await serialize(result.quads, format, { documentLoader }));
      return 0;
    }
    const text = writeSolutions(result, output.solutions);
    if (text === undefined)
      throw usageError(
        `query: --format ${output.solutions} is for SELECT results; use table, json or xml for ASK.`,
      );
    io.stdout(text);
    return 0;
  } finally {
    await engine.close();
  }
}

/** The output format for each kind of result, from --format (checked against the form). */
interface OutputFormat {
  solutions: SolutionFormatName;
  graph: RdfFormatName;
}

function outputFormat(value: string | undefined, form: QueryForm | undefined): OutputFormat {
  const name = (value ?? 'table').toLowerCase();
  const solutions = SOLUTION_FORMATS.includes(name)
    ? (name as OutputFormat['solutions'])
    : undefined;
  const graph = GRAPH_FORMAT_ALIASES[name] ?? findRdfFormat(name)?.name;
  const all = [...new Set([...SOLUTION_FORMATS, 'turtle', ...RDF_FORMATS.map((f) => f.name)])];
  if (solutions === undefined && graph === undefined)
    throw usageError(`query: unknown --format "${value ?? ''}"; use one of ${all.join(', ')}.`);
  if (form !== undefined && returnsSolutions(form) && solutions === undefined)
    throw usageError(
      `query: --format ${name} is for CONSTRUCT and DESCRIBE results; for ${form.toUpperCase()} use ${SOLUTION_FORMATS.join(', ')}.`,
    );
  if (form === 'ask' && (solutions === 'csv' || solutions === 'tsv'))
    throw usageError(
      `query: --format ${name} is for SELECT results; for ASK use table, json or xml.`,
    );
  if ((form === 'construct' || form === 'describe') && graph === undefined)
    throw usageError(
      `query: --format ${name} is for SELECT and ASK results; for ${form.toUpperCase()} use turtle, ntriples, nquads, trig, rdfxml or jsonld.`,
    );
  return { solutions: solutions ?? 'table', graph: graph ?? 'turtle' };
}

/** The Accept header asking a remote endpoint for the chosen format. */
function acceptFor(output: OutputFormat, form: QueryForm | undefined): string {
  const solutions =
    output.solutions === 'table' || output.solutions === 'json'
      ? 'application/sparql-results+json'
      : (RESULT_FORMATS.find((f) => f.name === output.solutions)?.mediaType ??
        'application/sparql-results+json');
  const graph = RDF_FORMATS.find((f) => f.name === output.graph)?.mediaType ?? 'text/turtle';
  if (form === undefined) return `${solutions}, ${graph};q=0.9`;
  return returnsSolutions(form) ? solutions : graph;
}

async function queryEndpoint(
  io: CliIo,
  endpoint: string,
  request: QueryRequest,
  output: OutputFormat,
  form: QueryForm | undefined,
  file: string | undefined,
  timeoutMs: number,
): Promise<number> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw usageError(`query: --endpoint must be an absolute http(s) URL, not "${endpoint}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usageError(`query: --endpoint must be an http(s) URL, not "${endpoint}".`);
  const body = new URLSearchParams({ query: request.query });
  for (const iri of request.defaultGraphs ?? []) body.append('default-graph-uri', iri);
  for (const iri of request.namedGraphs ?? []) body.append('named-graph-uri', iri);
  let response: Response;
  try {
    // SPARQL 1.1 Protocol §2.1.2: query via URL-encoded POST, which every endpoint accepts.
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: acceptFor(output, form),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    io.stderr(
      `${formatDiagnosticLine(queryFailure('sparql/remote', `Cannot query ${url.href}: ${reason}.`), io.isTty)}\n`,
    );
    return 2;
  }
  const text = await response.text();
  if (!response.ok) {
    const [first = '', ...rest] = text.trimEnd().split('\n');
    io.stderr(
      `${formatDiagnosticLine(
        {
          ...queryFailure(
            'sparql/remote',
            `${url.href} answered ${response.status} ${response.statusText}: ${first}`,
          ),
          ...(file === undefined ? {} : { file }),
        },
        io.isTty,
      )}\n`,
    );
    if (rest.length > 0) io.stderr(`${rest.join('\n')}\n`);
    return 1;
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (output.solutions === 'table' && contentType.startsWith('application/sparql-results+json')) {
    const result = jsonToResults(text);
    if (result !== undefined && result.kind !== 'graph') {
      io.stdout(resultsToTable(result));
      return 0;
    }
  }
  io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}

function reportFailure(io: CliIo, failure: QueryFailure, file: string | undefined): number {
  io.stderr(
    `${formatDiagnosticLine(file === undefined ? failure : { ...failure, file }, io.isTty)}\n`,
  );
  return 1;
}

/** A positive number flag, times `scale`; undefined when absent. */
function parsePositive(flag: string, value: string | undefined, scale: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw usageError(`query: ${flag} must be a positive number, not "${value}".`);
  return Math.round(number * scale);
}
