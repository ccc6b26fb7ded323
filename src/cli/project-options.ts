import type { ProjectFlags } from '../pipeline/open-project.js';

/**
 * The options every command that opens the project takes (`parseArgs` specs): where the
 * configuration, data and shapes are, the base URL, and the validation cache. Spread into a command's own options so
 * each command spells them, and maps them to the pipeline, the same way.
 */
export const PROJECT_OPTIONS = {
  config: { type: 'string' },
  data: { type: 'string' },
  shapes: { type: 'string' },
  'base-url': { type: 'string' },
  cache: { type: 'string' },
  'no-cache': { type: 'boolean' },
} as const;

/** The parsed values of {@link PROJECT_OPTIONS}. */
export interface ProjectOptionValues {
  config?: string | undefined;
  data?: string | undefined;
  shapes?: string | undefined;
  'base-url'?: string | undefined;
  cache?: string | undefined;
  'no-cache'?: boolean | undefined;
}

/** The pipeline's {@link ProjectFlags} from a command's parsed project options. */
export function projectFlags(values: ProjectOptionValues): ProjectFlags {
  return {
    config: values.config,
    baseUrl: values['base-url'],
    data: values.data,
    shapes: values.shapes,
    cache: values['no-cache'] === true ? false : values.cache,
  };
}
