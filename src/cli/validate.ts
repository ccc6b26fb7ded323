import { availableParallelism } from 'node:os';
import { hasErrors } from '../model/diagnostic.js';
import {
  checkProject,
  locateProject,
  openLocatedProject,
  type CheckOutcome,
  type Project,
} from '../pipeline/run-pipeline.js';
import { parseCommandArgs, usageError } from './args.js';
import type { CliIo } from './io.js';
import { createProgressLine } from './progress.js';
import { PROJECT_OPTIONS, projectFlags } from './project-options.js';
import { renderGithub } from './report/github.js';
import { renderJunit } from './report/junit.js';
import { relativeToCwd } from './report/paths.js';
import { renderSarif } from './report/sarif.js';
import { renderText } from './report/text.js';
import { writeTimings } from './timings.js';
import { readCodesPageUrl, readVersion } from './version.js';

export const VALIDATE_HELP = `Usage: profile-graph validate [options] [PATH...]

Checks the profile (the data folder), or the files, folders and globs given as PATHs, layer by
layer and reports every finding with file:line:column:
  1. JSON syntax            2. JSON Schema (shapes/*.schema.json)
  3. JSON-LD (offline)      4. schema.org vocabulary (unknown terms, domain, range, superseded)
  5. graph integrity        6. SHACL (shapes/*.ttl and shapes/google/*.ttl)

Rule sets (--rules, or "rules" in the configuration; JSON syntax and JSON-LD always run):
  schema.org   layers 4 and 5: what validator.schema.org checks, offline
  google       Google Search's rich-result requirements (shapes/google/*.ttl): a required
               property missing is an error, a recommended one a warning
  profile      this project's profile: layer 2 and shapes/*.ttl
  A project (a configuration file, or --data) gets all three; PATHs get schema.org and google.

PATHs: .jsonld, .json, .html and .htm files (every <script type="application/ld+json"> of a
page, located at the page's own line and column); a folder, such as a built site (dist/,
public/, _site/), is walked whole, skipping node_modules and dot-folders; a glob such as
'site/**/*.html' (quoted, so the shell leaves it alone). A PATH that finds nothing exits 2.
Each page is one graph, as search engines read it: the same @id on two pages is never
merged, so it never conflicts; JSON-LD files are one graph together, as a data folder.

Options:
  --data DIR             data directory (default from the configuration: data)
  --shapes DIR           shapes directory; it replaces the bundled shapes, it does not add
                         to them (default: "shapes" in the configuration, else ./shapes if
                         present, else the shapes shipped with profile-graph)
  --rules LIST           rule sets to check, comma-separated: schema.org,google,profile
  --format FORMAT        text (default), json, github (Actions annotations), sarif (2.1.0)
                         or junit (GitLab, Jenkins); paths are relative to the current folder
  --strict               fail on warnings too
  --base-url URL         base IRI for relative @ids (default: baseUrl in the configuration)
  --config FILE          configuration file (default: ./profile-graph.config.json if present)
  --timings FILE         write where the time went (ms per stage, peak memory) as JSON
  --cache DIR            reuse what earlier runs found for unchanged files and input
                         (default: "cache" in the configuration, else .profile-graph/cache;
                         safe to delete; the report is the same with or without it)
  --no-cache             neither read nor write the cache
  -h, --help             show this help

Exit status: 0 no errors (warnings allowed unless --strict), 1 errors found, 2 usage or
configuration error (an unknown rule set among them).
`;

const FORMATS = ['text', 'json', 'github', 'sarif', 'junit'] as const;
type ReportFormat = (typeof FORMATS)[number];

/** `profile-graph validate`: prints the report on stdout and returns the exit status. */
export async function runValidate(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', argv, {
    ...PROJECT_OPTIONS,
    rules: { type: 'string' },
    format: { type: 'string' },
    strict: { type: 'boolean' },
    timings: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(VALIDATE_HELP);
    return 0;
  }
  if (positionals.length > 0 && values.data !== undefined)
    throw usageError('validate: give either --data DIR or PATHs, not both.');
  const format = (values.format ?? 'text') as ReportFormat;
  if (!FORMATS.includes(format))
    throw usageError(`validate: --format must be one of ${FORMATS.join(', ')}, not "${format}".`);

  const started = performance.now();
  const progress = createProgressLine(io);
  // Set-up (the configuration, then the shapes and the vocabulary) takes seconds on its own.
  let project: Project;
  let result: CheckOutcome;
  let setup: number;
  try {
    progress.listener('setup', 0, 2);
    const location = await locateProject(
      { ...projectFlags(values), rules: values.rules, paths: positionals },
      io,
    );
    progress.listener('setup', 1, 2);
    project = await openLocatedProject(location);
    progress.listener('setup', 2, 2);
    setup = performance.now() - started;
    // The pipeline every command runs, so the report describes the graph that is published.
    result = await checkProject(project, {
      onProgress: progress.listener,
      workers: availableParallelism(),
    });
  } finally {
    // Also before an error (exit 2) is printed, so it starts on a clean line.
    progress.clear();
  }
  await writeTimings(values.timings, io, {
    command: 'validate',
    stages: { setup, ...result.timings },
    totalMs: performance.now() - started,
  });
  const diagnostics = relativeToCwd(result.diagnostics, project.root, io.cwd);
  switch (format) {
    case 'json':
      io.stdout(`${JSON.stringify(diagnostics, null, 2)}\n`);
      break;
    case 'github':
      io.stdout(renderGithub(diagnostics));
      break;
    case 'sarif':
      io.stdout(renderSarif(diagnostics, readVersion(), readCodesPageUrl()));
      break;
    case 'junit':
      io.stdout(renderJunit(diagnostics, { strict: values.strict === true }));
      break;
    case 'text':
      io.stdout(
        renderText(
          diagnostics,
          {
            files: result.files,
            triples: result.triples,
          },
          io.isTty,
        ),
      );
      break;
  }
  const failed =
    hasErrors(diagnostics) ||
    (values.strict === true && diagnostics.some((d) => d.severity === 'warning'));
  return failed ? 1 : 0;
}
