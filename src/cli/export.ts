import { availableParallelism } from 'node:os';
import path from 'node:path';
import { EXPORT_FORMATS, exportDocument, type ExportFormat } from '../bridges/export-document.js';
import { writeAtomically } from '../bridges/write-data.js';
import { loadSources } from '../load/load-sources.js';
import { ProfileGraphError } from '../model/diagnostic.js';
import { buildDataset, openProject } from '../pipeline/run-pipeline.js';
import { parseCommandArgs, unexpectedArgument, usageError } from './args.js';
import type { CliIo } from './io.js';
import { renderText } from './report/text.js';

export const EXPORT_HELP = `Usage: profile-graph export --to FORMAT [--out FILE] [options]

Writes the profile's person as a document another tool keeps: ${EXPORT_FORMATS.join(', ')}.
The data is validated first, as "validate" does; nothing is written when it has errors. A
document imported with "profile-graph import" comes back field for field (docs/json-resume.md,
docs/orcid.md).

Options:
  --to FORMAT            ${EXPORT_FORMATS.join(' or ')}
  --out FILE             write the document to FILE (replaced whole) instead of standard output
  --data DIR             data directory (default from the configuration: data)
  --shapes DIR           shapes directory the data is validated with (default as for validate)
  --base-url URL         base IRI for relative IRIs (default: baseUrl in the configuration)
  --config FILE          configuration file (default: ./profile-graph.config.json if present)
  -h, --help             show this help

Exit status: 0 written, 1 the data has errors, 2 usage or configuration error (or no Person).
`;

/** `profile-graph export`: writes the document and returns the exit status. */
export async function runExport(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('export', argv, {
    to: { type: 'string' },
    out: { type: 'string' },
    data: { type: 'string' },
    shapes: { type: 'string' },
    'base-url': { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(EXPORT_HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw unexpectedArgument('export', positionals[0] ?? '', 'export writes the whole profile');
  const to = values.to;
  if (to === undefined || !EXPORT_FORMATS.includes(to as ExportFormat))
    throw usageError(
      `export: --to must be one of ${EXPORT_FORMATS.join(', ')}${to === undefined ? '' : `, not "${to}"`}.`,
    );
  const project = await openProject(
    {
      config: values.config,
      baseUrl: values['base-url'],
      data: values.data,
      shapes: values.shapes,
    },
    io,
  );
  const built = await buildDataset(project, { workers: availableParallelism() });
  if (!built.ok) {
    io.stderr(
      renderText(built.diagnostics, { files: built.files, triples: built.triples }, io.isTty),
    );
    io.stderr('Nothing was written.\n');
    return 1;
  }
  const { sources, diagnostics } = await loadSources(project.dataDir, project.root);
  // The files validated a moment ago; one that no longer parses changed in between.
  if (diagnostics.length > 0) throw new ProfileGraphError(diagnostics, 1);
  const document = exportDocument(sources, to as ExportFormat, project.config.mainEntity);
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (values.out === undefined) io.stdout(text);
  else await writeAtomically(path.resolve(io.cwd, values.out), text, io.cwd);
  return 0;
}
