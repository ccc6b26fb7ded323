import { availableParallelism } from 'node:os';
import type { Diagnostic } from '../model/diagnostic.js';
import { buildDataset, openProject } from '../pipeline/run-pipeline.js';
import { quadsToNTriples } from '../rdf/serialize.js';
import { CREDENTIAL_VARIABLES, resolveCredentials } from '../store/credentials.js';
import { diffStoreGraph, pushGraph, type StoreTarget } from '../store/push.js';
import { createStoreClient } from '../store/store-client.js';
import { parseCommandArgs, unexpectedArgument, usageError } from './args.js';
import { storeEndpointUrl } from './store-url.js';
import type { CliIo } from './io.js';
import { PROJECT_OPTIONS, projectFlags } from './project-options.js';
import { createProgressLine } from './progress.js';
import { formatDiagnosticLine } from './report/text.js';

export const PUSH_HELP = `Usage: profile-graph push --store URL [options]

Validates the profile like "validate" does and writes its graph (the graph "convert" prints)
into a SPARQL store through the SPARQL 1.1 Graph Store HTTP Protocol, as one named graph with
PUT semantics: afterwards the store's graph equals the published graph.

With --query-endpoint the store's graph is compared first and left alone when it is equal (a
second push of the same data sends nothing). With --update-endpoint the triples go in chunks
(a PUT, then POSTs) to a staging graph that one SPARQL Update MOVE puts in place, so a failed or
interrupted push leaves the previous graph; without it the whole graph is one PUT.

Options:
  --store URL            the Graph Store endpoint (Virtuoso: http://HOST:8890/sparql-graph-crud-auth)
  --graph IRI            the named graph (default: the base URL)
  --query-endpoint URL   the SPARQL query endpoint (needed by --dry-run)
  --update-endpoint URL  the SPARQL Update endpoint (Virtuoso: http://HOST:8890/sparql-auth)
  --chunk-triples N      triples per request when staging (default 50000)
  --dry-run              print the triples that would be added and removed; change nothing
  --data DIR, --shapes DIR, --base-url URL, --config FILE   as for "validate"
  --cache DIR, --no-cache   the validation cache, as for "validate"
  -h, --help             show this help

Credentials are never given on the command line: ${CREDENTIAL_VARIABLES.token} (bearer), or
${CREDENTIAL_VARIABLES.user} and ${CREDENTIAL_VARIABLES.password}, or the netrc entry for the
store's host (the file NETRC names, else ~/.netrc, as curl reads it). Basic, digest (RFC 7616)
and bearer authentication.

Exit status: 0 pushed (or nothing to change), 1 the data has errors or the store failed,
2 usage or configuration error.
`;

/** How many added and removed triples --dry-run prints before it only counts. */
const SHOWN_TRIPLES = 20;

/** `profile-graph push`: validates, then pushes the graph into a store; returns the exit status. */
export async function runPush(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('push', argv, {
    store: { type: 'string' },
    graph: { type: 'string' },
    'query-endpoint': { type: 'string' },
    'update-endpoint': { type: 'string' },
    'chunk-triples': { type: 'string' },
    'dry-run': { type: 'boolean' },
    ...PROJECT_OPTIONS,
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(PUSH_HELP);
    return 0;
  }
  if (positionals[0] !== undefined) throw unexpectedArgument('push', positionals[0]);
  if (values.store === undefined) throw usageError('push: --store URL is required.');
  const graphStore = endpointUrl('--store', values.store);
  const queryEndpoint = optionalUrl('--query-endpoint', values['query-endpoint']);
  const updateEndpoint = optionalUrl('--update-endpoint', values['update-endpoint']);
  const chunkTriples =
    values['chunk-triples'] === undefined ? undefined : Number(values['chunk-triples']);
  if (chunkTriples !== undefined && !(Number.isInteger(chunkTriples) && chunkTriples > 0))
    throw usageError(
      `push: --chunk-triples must be a positive integer, not "${values['chunk-triples'] ?? ''}".`,
    );
  if (values['dry-run'] && queryEndpoint === undefined)
    throw usageError(
      'push: --dry-run compares with the store through its SPARQL endpoint; give --query-endpoint URL.',
    );

  const project = await openProject(projectFlags(values), io);
  const graph = values.graph ?? project.config.baseUrl;
  if (!URL.canParse(graph))
    throw usageError(`push: --graph must be an absolute IRI, not "${graph}".`);
  const built = await buildDataset(project, { workers: availableParallelism() });
  if (!built.ok) {
    print(io, built.diagnostics);
    return 1;
  }
  print(io, built.diagnostics);
  const credentials = await resolveCredentials(graphStore, io.env);
  if (!credentials.ok) {
    print(io, [credentials.diagnostic]);
    return 2;
  }
  const controller = new AbortController();
  void io.shutdownRequested().then(() => {
    controller.abort();
  });
  const client = createStoreClient(credentials.credentials, { signal: controller.signal });
  const target: StoreTarget = { graphStore, graph, queryEndpoint, updateEndpoint };
  const quads = built.dataset.quads;

  if (values['dry-run']) {
    const diff = await diffStoreGraph(client, quads, target);
    if (!diff.ok) {
      print(io, diff.diagnostics);
      return 1;
    }
    io.stdout(
      `<${graph}>: ${String(diff.added.length)} triples to add, ${String(diff.removed.length)} to remove (the store holds ${String(diff.storeTriples)}, the profile ${String(quads.length)}).\n`,
    );
    for (const [sign, list] of [
      ['+', diff.added],
      ['-', diff.removed],
    ] as const) {
      const lines = (await quadsToNTriples(list.slice(0, SHOWN_TRIPLES)))
        .split('\n')
        .filter(Boolean);
      for (const line of lines) io.stdout(`${sign} ${line}\n`);
      if (list.length > SHOWN_TRIPLES)
        io.stdout(`${sign} … and ${String(list.length - SHOWN_TRIPLES)} more\n`);
    }
    return 0;
  }

  const progress = createProgressLine(io);
  const started = performance.now();
  const outcome = await pushGraph(client, quads, target, {
    chunkTriples,
    onProgress: progress.listener,
    signal: controller.signal,
  });
  progress.clear();
  if (!outcome.ok) {
    print(io, outcome.diagnostics);
    return 1;
  }
  print(io, outcome.diagnostics);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.stdout(
    outcome.kind === 'unchanged'
      ? `<${graph}> is up to date (${String(outcome.triples)} triples); nothing sent.\n`
      : `Pushed ${String(outcome.triples)} triples to <${graph}> in ${String(outcome.requests)} request(s)${outcome.staged ? ' through a staging graph' : ''}, ${seconds} s.\n`,
  );
  return 0;
}

function print(io: CliIo, diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics)
    io.stderr(`${formatDiagnosticLine(diagnostic, io.isTty)}\n`);
}

function optionalUrl(flag: string, value: string | undefined): URL | undefined {
  return value === undefined ? undefined : endpointUrl(flag, value);
}

function endpointUrl(flag: string, value: string): URL {
  return storeEndpointUrl('push', flag, value);
}
