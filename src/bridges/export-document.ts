import type { SourceFile } from '../load/source-file.js';
import { ProfileGraphError } from '../model/diagnostic.js';
import type { JsonObject } from './data-files.js';
import { DataGraph } from './data-graph.js';
import { dataToJsonResume } from './json-resume-export.js';
import { dataToOrcid } from './orcid-export.js';

/** The formats `export --to` writes. */
export const EXPORT_FORMATS = ['json-resume', 'orcid'] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const EXPORTERS: Record<ExportFormat, (graph: DataGraph, person: JsonObject) => JsonObject> = {
  'json-resume': dataToJsonResume,
  orcid: dataToOrcid,
};

/**
 * The document in `format` for the person the data describes (see `DataGraph.person`), from
 * the data's validated source files. Throws a `ProfileGraphError` (`bridge/no-person`, exit 2)
 * when the data describes no Person.
 */
export function exportDocument(
  sources: readonly SourceFile[],
  format: ExportFormat,
  mainEntity: string | undefined,
): JsonObject {
  const graph = new DataGraph(sources);
  const person = graph.person(mainEntity);
  if (person === undefined)
    throw new ProfileGraphError(
      [
        {
          code: 'bridge/no-person',
          severity: 'error',
          message: 'The data describes no Person to export.',
        },
      ],
      2,
    );
  return EXPORTERS[format](graph, person);
}
