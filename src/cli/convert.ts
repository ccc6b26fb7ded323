import path from 'node:path';
import { availableParallelism } from 'node:os';
import { loadConfig } from '../load/config.js';
import { readTextFile } from '../load/load-sources.js';
import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import { createDocumentLoader, type DocumentLoader } from '../rdf/document-loader.js';
import { findRdfFormat, RDF_FORMAT_NAMES, type RdfFormatName } from '../rdf/formats.js';
import { readRdf } from '../rdf/read-rdf.js';
import { serialize, type JsonLdProfile } from '../rdf/serialize.js';
import { buildDataset, openProject } from '../pipeline/run-pipeline.js';
import { parseCommandArgs, unexpectedArgument, usageError } from './args.js';
import type { CliIo } from './io.js';
import { PROJECT_OPTIONS, projectFlags } from './project-options.js';
import { formatDiagnosticLine } from './report/text.js';

export const CONVERT_HELP = `Usage: profile-graph convert [FILE|-] --to FORMAT [options]
       profile-graph convert --data DIR --to FORMAT [options]

Converts RDF between formats. With FILE (or - for standard input) it converts one document
as it is. With --data (or neither) it converts the profile: every *.jsonld/*.json file under
DIR, validated like "validate" does and merged into one graph, the graph "serve" and "build"
publish and "query" answers over: the ProfilePage gets dateCreated/dateModified from the
data's history (git, SOURCE_DATE_EPOCH or file times) unless the data states them.

Options:
  --to FORMAT            output format: ${RDF_FORMAT_NAMES.join(', ')}
  --from FORMAT          input format (default: from the file extension; jsonld for stdin)
  --data DIR             convert the whole data directory (default from the configuration)
  --shapes DIR           shapes directory the data is validated with (default as for validate)
  --base-url URL         base IRI for relative IRIs (default: baseUrl in the configuration)
  --jsonld-profile P     compacted (default), expanded or flattened
  --config FILE          configuration file (default: ./profile-graph.config.json if present)
  --cache DIR, --no-cache   the validation cache, as for validate
  -h, --help             show this help

Exit status: 0 converted, 1 the input has errors, 2 usage or configuration error.
`;

const JSON_LD_PROFILES: readonly JsonLdProfile[] = ['compacted', 'expanded', 'flattened'];

/** `profile-graph convert`: returns the exit status; output goes to io.stdout only on success. */
export async function runConvert(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('convert', argv, {
    to: { type: 'string' },
    from: { type: 'string' },
    'jsonld-profile': { type: 'string' },
    ...PROJECT_OPTIONS,
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(CONVERT_HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw unexpectedArgument('convert', positionals[1] ?? '', 'give one FILE');
  const to = requireFormat('--to', values.to);
  const profile = values['jsonld-profile'] ?? 'compacted';
  if (!JSON_LD_PROFILES.includes(profile as JsonLdProfile)) {
    throw usageError(
      `convert: --jsonld-profile must be one of ${JSON_LD_PROFILES.join(', ')}, not "${profile}".`,
    );
  }
  const file = positionals[0];
  if (file !== undefined && (values.data !== undefined || values.shapes !== undefined))
    throw usageError('convert: give either FILE or --data (and --shapes), not both.');

  let quads;
  let diagnostics: Diagnostic[];
  let documentLoader: DocumentLoader;
  if (file === undefined) {
    const project = await openProject(projectFlags(values), io);
    documentLoader = project.validators.documentLoader;
    const built = await buildDataset(project, { workers: availableParallelism() });
    quads = built.ok ? built.dataset.quads : [];
    diagnostics = built.diagnostics;
  } else {
    const { config } = await loadConfig(values.config, { baseUrl: values['base-url'] }, io.cwd);
    documentLoader = createDocumentLoader();
    const from =
      values.from === undefined ? inferFormat(file) : requireFormat('--from', values.from);
    const text = file === '-' ? await io.readStdin() : await readTextFile(file, io.cwd);
    const result = await readRdf(text, {
      format: from,
      file:
        file === '-'
          ? '-'
          : path.relative(io.cwd, path.resolve(io.cwd, file)).split(path.sep).join('/'),
      baseUrl: config.baseUrl,
      documentLoader,
    });
    quads = result.quads;
    diagnostics = result.diagnostics;
  }
  if (hasErrors(diagnostics)) {
    for (const diagnostic of diagnostics)
      io.stderr(`${formatDiagnosticLine(diagnostic, io.isTty)}\n`);
    return 1;
  }
  io.stdout(
    await serialize(quads, to, { documentLoader, jsonLdProfile: profile as JsonLdProfile }),
  );
  return 0;
}

function requireFormat(flag: string, value: string | undefined): RdfFormatName {
  if (value === undefined)
    throw usageError(`convert: ${flag} is required (one of ${RDF_FORMAT_NAMES.join(', ')}).`);
  const format = findRdfFormat(value);
  if (!format)
    throw usageError(
      `convert: unknown format "${value}" for ${flag}; use one of ${RDF_FORMAT_NAMES.join(', ')}.`,
    );
  return format.name;
}

function inferFormat(file: string): RdfFormatName {
  if (file === '-') return 'jsonld';
  const extension = path.extname(file);
  const format = extension ? findRdfFormat(extension) : undefined;
  if (!format) {
    throw usageError(
      `convert: cannot tell the format of "${file}" from its extension; give --from (${RDF_FORMAT_NAMES.join(', ')}).`,
    );
  }
  return format.name;
}
