import path from 'node:path';
import { importDocument, IMPORT_FORMATS, type ImportFormat } from '../bridges/import-document.js';
import { writeDataFiles } from '../bridges/write-data.js';
import { loadSourceFile } from '../load/load-sources.js';
import { ProfileGraphError } from '../model/diagnostic.js';
import { parseCommandArgs, unexpectedArgument, usageError } from './args.js';
import type { CliIo } from './io.js';
import { formatDiagnosticLine } from './report/text.js';

export const IMPORT_HELP = `Usage: profile-graph import FILE --out DIR [options]

Turns a JSON Resume document (schema v1.0.0) or an ORCID public record (API v3.0 record JSON)
into data files in DIR, laid out as data/ is: profile.jsonld, people/, roles/,
organizations/ and works/. Check them with "profile-graph validate --data DIR"; "profile-graph
export --to json-resume" (or --to orcid) gives the document back. docs/json-resume.md and
docs/orcid.md list the schema.org term each field becomes.

Options:
  --out DIR              folder to write the data files in (created if missing)
  --from FORMAT          ${IMPORT_FORMATS.join(' or ')} (default: told from the file's fields)
  --force                replace files that exist in DIR (default: refuse, write nothing)
  -h, --help             show this help

Exit status: 0 written (fields the format does not define are reported and skipped), 2 the
file is not valid JSON, not in a known format or has an invalid field, a file exists, or a
usage error. Nothing is written unless the whole file imports.
`;

/** `profile-graph import`: writes the data files and returns the exit status. */
export async function runImport(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('import', argv, {
    out: { type: 'string' },
    from: { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(IMPORT_HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw unexpectedArgument('import', positionals[1] ?? '', 'give one FILE');
  const [file] = positionals;
  if (file === undefined) throw usageError('import: give the FILE to import.');
  if (values.out === undefined) throw usageError('import: --out DIR is required.');
  const from = values.from;
  if (from !== undefined && !IMPORT_FORMATS.includes(from as ImportFormat))
    throw usageError(`import: --from must be one of ${IMPORT_FORMATS.join(', ')}, not "${from}".`);

  const parsed = await loadSourceFile(file, io.cwd, () => io.readStdin());
  const outcome = parsed.ok
    ? importDocument(parsed.source, from as ImportFormat | undefined)
    : { ok: false as const, diagnostics: parsed.diagnostics };
  if (!outcome.ok) throw new ProfileGraphError(outcome.diagnostics, 2);
  for (const diagnostic of outcome.diagnostics)
    io.stderr(`${formatDiagnosticLine(diagnostic, io.isTty)}\n`);
  const written = await writeDataFiles(path.resolve(io.cwd, values.out), outcome.files, {
    force: values.force === true,
    cwd: io.cwd,
  });
  io.stdout(
    `Wrote ${String(written.length)} files:\n${written.map((name) => `  ${name}\n`).join('')}`,
  );
  return 0;
}
