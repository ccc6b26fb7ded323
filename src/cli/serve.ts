import path from 'node:path';
import {
  createDatasetWorker,
  runPipelineInWorker,
  type DatasetWorker,
} from '../pipeline/dataset-in-worker.js';
import {
  locateProject,
  publishDataset,
  type DatasetOutcome,
  type ProjectLocation,
} from '../pipeline/run-pipeline.js';
import { createDocumentLoader } from '../rdf/document-loader.js';
import { createApp } from '../serve/app.js';
import { DEFAULT_CACHE_MB } from '../serve/middleware.js';
import { createSparqlEngine, DEFAULT_LIMITS, type SparqlEngine } from '../sparql/engine.js';
import { createRemoteEngine } from '../sparql/remote-engine.js';
import { createSparqlRoutes, sparqlService } from '../sparql/routes.js';
import { CREDENTIAL_VARIABLES, resolveCredentials } from '../store/credentials.js';
import { createAuthorizedFetch } from '../store/store-client.js';
import { bindServer, stopServer, type BoundServer } from '../serve/server.js';
import type { SiteRef } from '../publish/site-ref.js';
import { describeChanges, watchDirectories, type Watcher } from '../serve/watch.js';
import { parseCommandArgs, unexpectedArgument, usageError } from './args.js';
import type { CliIo } from './io.js';
import { PROJECT_OPTIONS, projectFlags } from './project-options.js';
import { storeEndpointUrl } from './store-url.js';
import { formatDiagnosticLine, renderText } from './report/text.js';
import { writeTimings } from './timings.js';

/** Default time a --watch reload may take: far beyond a large profile's, short of a hang. */
const DEFAULT_RELOAD_TIMEOUT_MS = 60_000;

export const SERVE_HELP = `Usage: profile-graph serve [options]

Validates the profile and serves it with content negotiation, rendering each document in every
format on first request: HTML for browsers, JSON-LD, Turtle, N-Triples, N-Quads, TriG and RDF/XML
for linked-data clients, at the same IRIs.

Options:
  --port N               port to listen on (default 8080; 0 picks a free one)
  --host HOST            interface to bind (default 127.0.0.1)
  --base-url URL         base IRIs are minted from (default: baseUrl in the configuration,
                         else http://localhost:PORT/ on a loopback host); the server answers
                         for its paths on whatever host it listens on
  --watch                rebuild on changes to data/ or shapes/; an invalid edit keeps the
                         last good site serving
  --reload-timeout MS    time a --watch reload may take (default 60000); past it the reload is
                         stopped (pipeline/timeout) and the last good site keeps serving.
                         Loading and validation run in a worker thread, at start and on
                         every reload, so requests are answered meanwhile
  --quiet                no access log
  --cache-mb N           memory for rendered documents, least recently used out (default 256);
                         documents are rendered on first request, so start-up costs only
                         validation whatever the size of the graph
  --sparql-timeout MS    time limit per SPARQL query (default 5000)
  --sparql-max-results N most rows or triples a SPARQL result may have (default 10000)
  --sparql-max-bytes N   most bytes a SPARQL result may have (default 16777216, 16 MiB)
  --sparql-endpoint URL  answer /sparql from this store's SPARQL endpoint (where "push" wrote
                         the graph) instead of in this process: same checks, limits and
                         negotiation; VoID and the service description name it (default:
                         sparqlEndpoint in the configuration). Credentials as for push:
                         ${CREDENTIAL_VARIABLES.token}, or ${CREDENTIAL_VARIABLES.user} and
                         ${CREDENTIAL_VARIABLES.password}, or the netrc entry for its host
  --sparql-graph IRI     the store's named graph a query sees (default: the base URL, where
                         push writes by default)
  --data DIR, --shapes DIR, --config FILE   as for validate
  --cache DIR, --no-cache   the validation cache, as for validate: a start (or a reload)
                         whose input is unchanged since the last cached good run skips the
                         graph layers and reports what that run found
  --timings FILE         write where the time went (ms per stage, peak memory) as JSON
  -h, --help             show this help

Exit status: 0 after a clean shutdown (SIGINT/SIGTERM), 1 invalid data at start, 2 usage error.
`;

/** `profile-graph serve`: runs until shutdown is requested; returns the exit status. */
export async function runServe(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('serve', argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    watch: { type: 'boolean' },
    'reload-timeout': { type: 'string' },
    quiet: { type: 'boolean' },
    'sparql-timeout': { type: 'string' },
    'sparql-max-results': { type: 'string' },
    'sparql-max-bytes': { type: 'string' },
    'sparql-endpoint': { type: 'string' },
    'sparql-graph': { type: 'string' },
    'cache-mb': { type: 'string' },
    ...PROJECT_OPTIONS,
    timings: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(SERVE_HELP);
    return 0;
  }
  if (positionals.length > 0) throw unexpectedArgument('serve', positionals.join(' '));
  const port = Number(values.port ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw usageError(`serve: --port must be 0–65535, not "${values.port ?? ''}".`);
  const host = values.host ?? '127.0.0.1';
  const timeoutMs = positiveInteger(
    '--sparql-timeout',
    values['sparql-timeout'],
    DEFAULT_LIMITS.timeoutMs,
  );
  const maxResults = positiveInteger(
    '--sparql-max-results',
    values['sparql-max-results'],
    DEFAULT_LIMITS.maxResults,
  );
  const maxResultBytes = positiveInteger(
    '--sparql-max-bytes',
    values['sparql-max-bytes'],
    DEFAULT_LIMITS.maxResultBytes,
  );
  const cacheBytes =
    positiveInteger('--cache-mb', values['cache-mb'], DEFAULT_CACHE_MB) * 1024 * 1024;
  const reloadTimeoutMs = positiveInteger(
    '--reload-timeout',
    values['reload-timeout'],
    DEFAULT_RELOAD_TIMEOUT_MS,
  );

  const started = performance.now();
  const located = await locateProject(projectFlags(values), io);
  const store = await storeOf(located.config, values, io);
  if (typeof store === 'number') return store;
  // Bound before validating: a busy port is reported at once, not after a validation that can
  // take minutes, and requests meanwhile get 503 with Retry-After.
  const bound = await bindServer({
    port,
    host,
    ...(values.quiet
      ? {}
      : {
          log: (line: string) => {
            io.stdout(`${line}\n`);
          },
        }),
  });
  // Without a configured base URL, links follow the port actually bound on a loopback host,
  // so `serve --port 3000` links to localhost:3000 rather than the default's 8080.
  const location = {
    ...located,
    config: {
      ...located.config,
      // Not with a store: its graph holds the IRIs push minted from the configured base.
      ...(located.baseUrlConfigured || !isLoopback(host) || store !== undefined
        ? {}
        : { baseUrl: `http://localhost:${String(bound.port)}/` }),
      // VoID names the store's endpoint when it answers.
      ...(store === undefined ? {} : { sparqlEndpoint: store.endpoint.href }),
    },
  };
  const setup = performance.now() - started;
  const datasetWorker = createDatasetWorker();
  let served = false;
  try {
    const status = await serveFrom(location, bound, datasetWorker, {
      io,
      started,
      setup,
      host,
      cacheBytes,
      reloadTimeoutMs,
      sparql: { timeoutMs, maxResults, maxResultBytes },
      store,
      watch: values.watch === true,
      timings: values.timings,
    });
    served = true;
    return status;
  } finally {
    await datasetWorker.close();
    // serveFrom stops the server itself after a shutdown; on invalid data or an error, here.
    if (!served || bound.server.listening) await stopServer(bound.server, { graceMs: 0 });
  }
}

interface ServeSettings {
  io: CliIo;
  started: number;
  setup: number;
  host: string;
  cacheBytes: number;
  reloadTimeoutMs: number;
  sparql: { timeoutMs: number; maxResults: number; maxResultBytes: number };
  /** The external store /sparql forwards to, if any. */
  store: RemoteStore | undefined;
  watch: boolean;
  timings: string | undefined;
}

/** Builds the first site in the worker, serves it, and swaps in each valid reload. */
async function serveFrom(
  location: ProjectLocation,
  bound: BoundServer,
  datasetWorker: DatasetWorker,
  settings: ServeSettings,
): Promise<number> {
  const { io, started, setup, cacheBytes } = settings;
  const { config, root } = location;
  const documentLoader = createDocumentLoader();
  // The query page and service description are published with the Site, stating these limits;
  // behind a store, they name the store and its graph.
  const sparql = sparqlService(config.baseUrl, {
    limits: settings.sparql,
    ...(settings.store
      ? { proxiedTo: { endpoint: settings.store.endpoint.href, graph: settings.store.graph } }
      : {}),
  });
  // The first build has no budget: nothing is being served yet that it could hold up.
  const built = await runPipelineInWorker(datasetWorker, location);
  if (!built.ok) {
    io.stderr(
      renderText(built.diagnostics, { files: built.files, triples: built.triples }, io.isTty),
    );
    return 1;
  }
  const rendering = performance.now();
  const first = {
    site: await publishDataset(config, documentLoader, built.dataset, {
      renderOnDemand: { maxBytes: cacheBytes },
      sparql,
    }),
    diagnostics: built.diagnostics,
    timings: { ...built.timings, render: performance.now() - rendering },
  };
  const listening = performance.now();
  const siteRef: SiteRef = { current: first.site };
  const engine: SparqlEngine =
    settings.store === undefined
      ? createSparqlEngine(settings.sparql)
      : createRemoteEngine({ ...settings.sparql, ...settings.store });
  const sparqlRoutes = createSparqlRoutes(siteRef, { engine });
  bound.serve(siteRef, createApp(siteRef, { routes: [sparqlRoutes.router] }));
  const server = bound.server;
  const boundPort = bound.port;
  const ready = performance.now();
  await writeTimings(settings.timings, io, {
    command: 'serve',
    stages: { setup, ...first.timings, listen: ready - listening },
    totalMs: ready - started,
  });
  const warnings = first.diagnostics.length;
  io.stdout(
    `Serving ${first.site.documents.length} documents (${first.site.quads.length} triples${
      warnings ? `, ${warnings} warnings: run validate` : ''
    }) at http://${settings.host}:${boundPort}/ for ${config.baseUrl}\n`,
  );

  // The query worker starts and loads the graph now, in the background, rather than on the
  // first query (seconds at 100,000 people); documents are answered meanwhile.
  const warming = sparqlRoutes.warm();

  const reload = async (what: string): Promise<void> => {
    // Said before the work, so a slow reload is visibly under way while requests are answered.
    io.stdout(`Reloading after ${what}.\n`);
    let next: DatasetOutcome;
    try {
      next = await runPipelineInWorker(datasetWorker, location, {
        timeoutMs: settings.reloadTimeoutMs,
      });
      if (next.ok) {
        const site = await publishDataset(config, documentLoader, next.dataset, {
          renderOnDemand: { maxBytes: cacheBytes },
          sparql,
        });
        siteRef.current = site;
        io.stdout(
          `Reloaded after ${what}: ${site.documents.length} documents, ${site.quads.length} triples\n`,
        );
        return;
      }
    } catch (error) {
      io.stderr(
        `Reload failed after ${what}: ${(error as Error).message}; still serving the last valid data.\n`,
      );
      return;
    }
    const timedOut = next.diagnostics.find((d) => d.code === 'pipeline/timeout');
    if (timedOut) {
      io.stderr(`${formatDiagnosticLine(timedOut, io.isTty)} Still serving the last valid data.\n`);
      return;
    }
    io.stderr(renderText(next.diagnostics, { files: next.files, triples: next.triples }, io.isTty));
    io.stderr(`Reload refused after ${what}: still serving the last valid data.\n`);
  };
  let watcher: Watcher | undefined;
  if (settings.watch) {
    const folders = [location.dataDir, location.shapesDir];
    watcher = watchDirectories(folders, (changed) => reload(describeChanges(changed, root)), {
      onError: (error) => {
        io.stderr(`Watching failed: ${error.message}; edits may not be seen until restart.\n`);
      },
    });
    await watcher.ready;
    io.stdout(`Watching ${describeFolders(folders, root)} for changes.\n`);
  }

  await io.shutdownRequested();
  await watcher?.close();
  await stopServer(server);
  await engine.close();
  await warming;
  io.stdout('Stopped.\n');
  return 0;
}

/** The store behind /sparql: where it is, the graph queried, and its credentials. */
interface RemoteStore {
  endpoint: URL;
  graph: string;
  fetch: ReturnType<typeof createAuthorizedFetch>;
}

/**
 * The store from `--sparql-endpoint` or the configuration's `sparqlEndpoint`, with the
 * credentials push would use for it; `undefined` without one, an exit status when the
 * credentials cannot be read. Throws a usage error for a bad URL or graph.
 */
async function storeOf(
  config: { baseUrl: string; sparqlEndpoint?: string },
  values: { 'sparql-endpoint'?: string | undefined; 'sparql-graph'?: string | undefined },
  io: CliIo,
): Promise<RemoteStore | number | undefined> {
  const given = values['sparql-endpoint'] ?? config.sparqlEndpoint;
  if (given === undefined) {
    if (values['sparql-graph'] !== undefined)
      throw usageError('serve: --sparql-graph needs --sparql-endpoint (or sparqlEndpoint).');
    return undefined;
  }
  const what = values['sparql-endpoint'] === undefined ? 'sparqlEndpoint' : '--sparql-endpoint';
  const endpoint = storeEndpointUrl('serve', what, given);
  const graph = values['sparql-graph'] ?? config.baseUrl;
  if (!URL.canParse(graph))
    throw usageError(`serve: --sparql-graph must be an absolute IRI, not "${graph}".`);
  const credentials = await resolveCredentials(endpoint, io.env);
  if (!credentials.ok) {
    io.stderr(`${formatDiagnosticLine(credentials.diagnostic, io.isTty)}\n`);
    return 2;
  }
  return { endpoint, graph, fetch: createAuthorizedFetch(credentials.credentials) };
}

function isLoopback(host: string): boolean {
  return (
    host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

function describeFolders(folders: readonly string[], root: string): string {
  return folders
    .map((folder) => path.relative(root, folder).split(path.sep).join('/') || '.')
    .join(' and ');
}

function positiveInteger(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    throw usageError(`serve: ${flag} must be a positive whole number, not "${value}".`);
  }
  return number;
}
