import { availableParallelism } from 'node:os';
import path from 'node:path';
import { exportSite } from '../export/export-site.js';
import {
  DEFAULT_HOST,
  exportFormats,
  HOST_NAMES,
  hostProfile,
  parseFormatList,
  STATIC_HOST_FORMATS,
} from '../export/hosts.js';
import { checkOutDir } from '../export/write-export.js';
import { locateProject, openLocatedProject, runPipeline } from '../pipeline/run-pipeline.js';
import { queryPagePolicy } from '../publish/sparql-service.js';
import { openCacheStore } from '../runtime/cache-store.js';
import { externalSparqlService } from '../sparql/routes.js';
import { parseCommandArgs, unexpectedArgument, usageError } from './args.js';
import type { CliIo } from './io.js';
import { PROJECT_OPTIONS, projectFlags } from './project-options.js';
import { createProgressLine, type ProgressLine } from './progress.js';
import { renderText } from './report/text.js';
import { writeTimings } from './timings.js';
import { readVersion } from './version.js';

/** Rendered documents held while exporting: enough to never render one twice in a row. */
const EXPORT_CACHE_BYTES = 64 * 1024 * 1024;

export const BUILD_HELP = `Usage: profile-graph build [options]

Validates the profile, then writes the site as static files for one host: every document's
HTML page and RDF formats at its URL path (people/x.html, .jsonld, .ttl…), the 404 page,
sitemap.xml, robots.txt, VoID, the dump and the shapes, and the configuration that makes the
host answer like "profile-graph serve" as far as it can.

Options:
  --out DIR              output folder (default dist). It is replaced in one step, and only if
                         it is empty or an earlier export; a failed build leaves it untouched
  --host NAME            the host the export is for (default: "host" in the configuration,
                         else ${DEFAULT_HOST}): ${HOST_NAMES.join(', ')}.
                         nginx (nginx/maps.conf, nginx/server.conf) and apache (.htaccess)
                         negotiate: every format, with precompressed .gz and .br siblings.
                         netlify and cloudflare (_headers, _redirects), github-pages and s3
                         cannot: HTML plus ${STATIC_HOST_FORMATS.map((format) => format.extension).join(', ')} at extension URLs, no siblings
  --formats LIST         the RDF formats to write, comma-separated names or extensions
                         (jsonld,ttl,nt,nq,trig,rdf); pages link to these only
  --jsonld-forms         also write the expanded and flattened JSON-LD forms (serve always
                         has them; the export has them only when asked)
  --base-url URL         base IRIs are minted from (default: baseUrl in the configuration);
                         set it to where the site will be published
  --data DIR, --shapes DIR, --config FILE   as for validate (paths relative to the
                         configuration file's folder, or the working directory without one)
  --cache DIR, --no-cache   the cache, as for validate; build also keeps there what each
                         document's page read, and renders only the documents whose
                         inputs changed since the previous export into --out
  --sparql-endpoint URL  an external SPARQL endpoint holding the graph (see push): also
                         write the query page and service description at sparql.html,
                         sparql.ttl…, sending queries to URL, with the editor's files under
                         sparql/assets/; VoID names URL (default: sparqlEndpoint in the
                         configuration; without either, no SPARQL page is exported)
  --timings FILE         write where the time went (ms per stage, peak memory) as JSON
  -h, --help             show this help

Exit status: 0 written, 1 the data has errors (nothing written), 2 usage, configuration or
write error.
`;

/** `profile-graph build`: validates, exports, prints what it wrote; returns the exit status. */
export async function runBuild(argv: readonly string[], io: CliIo): Promise<number> {
  const progress = createProgressLine(io);
  try {
    return await build(argv, io, progress);
  } finally {
    // Also before an error (exit 2) is printed, so it starts on a clean line.
    progress.clear();
  }
}

async function build(argv: readonly string[], io: CliIo, progress: ProgressLine): Promise<number> {
  const { values, positionals } = parseCommandArgs('build', argv, {
    out: { type: 'string' },
    ...PROJECT_OPTIONS,
    timings: { type: 'string' },
    'sparql-endpoint': { type: 'string' },
    host: { type: 'string' },
    formats: { type: 'string' },
    'jsonld-forms': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(BUILD_HELP);
    return 0;
  }
  if (positionals.length > 0) throw unexpectedArgument('build', positionals.join(' '));
  if (values.out !== undefined && values.out.trim() === '')
    throw usageError('build: --out needs a folder name.');
  // A flag's mistake is known before the configuration is read; the configuration's host after.
  if (values.host !== undefined) hostProfile(values.host, 'build --host');
  const listed =
    values.formats === undefined ? undefined : parseFormatList(values.formats, 'build --formats');

  const started = performance.now();
  progress.listener('setup', 0, 2);
  const location = await locateProject(
    { ...projectFlags(values), sparqlEndpoint: values['sparql-endpoint'] },
    io,
  );
  // --host wins over the configuration's "host" (checked, and located, by locateProject).
  const host = hostProfile(values.host ?? location.config.host ?? DEFAULT_HOST, 'build --host');
  const formats = exportFormats(host, listed);
  const outDir = path.resolve(location.root, values.out ?? 'dist');
  const inputs = [location.dataDir, location.shapesDir];
  // Before the validation, which can take minutes: a wrong --out is known now.
  await checkOutDir(outDir, inputs);
  progress.listener('setup', 1, 2);
  const project = await openLocatedProject(location);
  const { baseUrl, sparqlEndpoint } = project.config;
  const sparql =
    sparqlEndpoint === undefined ? undefined : await externalSparqlService(baseUrl, sparqlEndpoint);
  progress.listener('setup', 2, 2);
  const setup = performance.now() - started;
  const built = await runPipeline(project, {
    onProgress: progress.listener,
    workers: availableParallelism(),
    // Rendered while written, one document at a time: memory stays bounded by this budget.
    renderOnDemand: { maxBytes: EXPORT_CACHE_BYTES },
    // Compressed by the writer threads, while this thread renders the next documents.
    precompress: false,
    sparql,
    formats,
    jsonLdForms: values['jsonld-forms'] === true,
    // For the build manifest, kept in the cache: a document whose inputs did not change is
    // taken from the previous export instead of rendered.
    recordRenderInputs: project.cacheDir !== undefined,
  });
  if (!built.ok) {
    progress.clear();
    io.stderr(
      renderText(built.diagnostics, { files: built.files, triples: built.triples }, io.isTty),
    );
    io.stderr('Nothing was written.\n');
    return 1;
  }
  const writing = performance.now();
  const timing = { renderMs: 0 };
  const summary = await exportSite(built.site, outDir, {
    // Once the last document is rendered, what is left is writing: the writer threads' last
    // files and the swap of the finished export into place.
    onProgress: (stage, done, total) => {
      progress.listener(stage, done, total);
      if (stage === 'render' && done === total) progress.listener('write', 0, 1);
    },
    timing,
    workers: availableParallelism(),
    inputs,
    host,
    ...(project.cacheDir === undefined
      ? {}
      : { cache: { store: openCacheStore(project.cacheDir), version: readVersion() } }),
  });
  progress.listener('write', 1, 1);
  progress.clear();
  const finished = performance.now();
  const { render = 0, ...validation } = built.timings;
  await writeTimings(values.timings, io, {
    command: 'build',
    stages: {
      setup,
      ...validation,
      render: render + timing.renderMs,
      write: finished - writing - timing.renderMs,
    },
    totalMs: finished - started,
  });
  const seconds = (finished - started) / 1000;
  const warnings = built.diagnostics.length;
  const shown = path.relative(io.cwd, outDir) || '.';
  io.stdout(
    `Built ${String(built.site.documents.length)} documents (${String(built.site.quads.length)} triples${
      warnings ? `, ${String(warnings)} warnings: run validate` : ''
    }) into ${shown}: ${String(summary.files)} files${
      summary.reused === undefined
        ? ''
        : ` (${String(summary.reused)} unchanged, ${String(summary.files - summary.reused)} written)`
    }, ${formatBytes(summary.bytes)}, in ${seconds.toFixed(1)} s${
      summary.documents === undefined || summary.documents.reused === 0
        ? ''
        : `; ${String(summary.documents.rendered)} documents rendered, ${String(summary.documents.reused)} taken unchanged from the previous export`
    }\n`,
  );
  for (const note of summary.notes) io.stdout(`note: ${note}\n`);
  // nginx, Apache, Netlify and Cloudflare send the page its own policy (their configurations
  // say so); GitHub Pages and S3 read no header rules.
  if (sparql && !host.setsHeaders)
    io.stdout(
      `note: ${host.name} reads no header rules, so no Content-Security-Policy protects the query page; where you can set headers, send sparql.html with ${queryPagePolicy(sparql)}\n`,
    );
  return 0;
}

/** `1234567` → `1.2 MB` (SI units, as file managers and CDNs report sizes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${String(bytes)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit] ?? 'TB'}`;
}
