import { Ajv, type ErrorObject } from 'ajv';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG, type SiteConfig } from '../model/config.js';
import { ProfileGraphError, type Diagnostic } from '../model/diagnostic.js';
import { readTextFile, toDisplayPath } from './load-sources.js';
import { diagnosticAt, parseSourceFile, type SourceFile } from './source-file.js';

/** The configuration file looked for in the working directory when `--config` is not given. */
export const CONFIG_FILE_NAME = 'profile-graph.config.json';

/** JSON Schema (draft 2020-12 subset ajv checks) of the configuration file. */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    baseUrl: { type: 'string', pattern: '^https?://[^/?#]+(/[^?#]*)?/$' },
    siteName: { type: 'string', minLength: 1 },
    mainEntity: { type: 'string', minLength: 1 },
    language: { type: 'string', pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$' },
    data: { type: 'string', minLength: 1 },
    shapes: { type: 'string', minLength: 1 },
    // Names are checked against the rule sets by the pipeline, which locates unknown ones here.
    rules: {
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', items: { type: 'string' }, minItems: 1 },
      ],
    },
    sparqlEndpoint: { type: 'string', pattern: '^https?://[^/?#\\s]+' },
    // Each name is expanded (and an unknown prefix located) by the pipeline, which knows them.
    labelProperties: { type: 'array', items: { type: 'string' }, minItems: 1 },
    cache: { type: 'string', minLength: 1 },
    // The host's name is checked by the pipeline, which knows the hosts, and located here.
    host: { type: 'string', minLength: 1 },
  },
} as const;

/** A loaded configuration and the directory its relative paths resolve against. */
export interface LoadedConfig {
  config: SiteConfig;
  /** Directory containing the configuration file (or the working directory without one). */
  root: string;
  /** Display path of the configuration file, if one was read. */
  file?: string;
  /** The configuration file as read, to locate findings about its values. */
  source?: SourceFile;
  /** Whether the base URL came from the file or an override rather than the default. */
  baseUrlConfigured: boolean;
}

/** Values from the command line that override the file. */
export type ConfigOverrides = Partial<
  Pick<SiteConfig, 'baseUrl' | 'data' | 'shapes' | 'sparqlEndpoint'>
>;

/**
 * Reads the site configuration: `file` if given (it must exist), else
 * `profile-graph.config.json` in `cwd` if present, else the defaults; then applies the
 * overrides. Throws a {@link ProfileGraphError} (exit 2) with located diagnostics
 * (`config/invalid` at the offending JSON pointer and line) when the file or an override is bad.
 */
export async function loadConfig(
  file: string | undefined,
  overrides: ConfigOverrides = {},
  cwd = process.cwd(),
): Promise<LoadedConfig> {
  const candidate =
    file ?? (existsSync(path.join(cwd, CONFIG_FILE_NAME)) ? CONFIG_FILE_NAME : undefined);
  let config: SiteConfig = { ...DEFAULT_CONFIG };
  let root = cwd;
  let display: string | undefined;
  let source: SourceFile | undefined;
  let baseUrlConfigured = overrides.baseUrl !== undefined;
  if (candidate !== undefined) {
    const absolute = path.resolve(cwd, candidate);
    display = toDisplayPath(absolute, cwd);
    const parsed = parseSourceFile(display, await readTextFile(absolute, cwd));
    if (!parsed.ok || parsed.diagnostics.length > 0)
      throw new ProfileGraphError(parsed.diagnostics);
    // CONFIG_SCHEMA is a constant, checked against the meta-schema by its test, not on every
    // run: compiling the meta-schema was most of loading a configuration.
    const validate = new Ajv({ allErrors: true, strict: true, validateSchema: false }).compile(
      CONFIG_SCHEMA,
    );
    if (!validate(parsed.source.json)) {
      throw new ProfileGraphError(
        (validate.errors ?? []).map((error) =>
          diagnosticAt(parsed.source, error.instancePath, {
            code: 'config/invalid',
            severity: 'error',
            message: configMessage(error),
          }),
        ),
      );
    }
    const fromFile = parsed.source.json as Partial<SiteConfig>;
    baseUrlConfigured ||= fromFile.baseUrl !== undefined;
    config = { ...config, ...fromFile };
    root = path.dirname(absolute);
    source = parsed.source;
  }
  const withOverrides = { ...config, ...definedOnly(overrides) };
  checkBaseUrl(withOverrides.baseUrl);
  if (withOverrides.sparqlEndpoint !== undefined) checkSparqlEndpoint(withOverrides.sparqlEndpoint);
  return {
    config: withOverrides,
    root,
    baseUrlConfigured,
    ...(display === undefined ? {} : { file: display }),
    ...(source === undefined ? {} : { source }),
  };
}

/** Rejects a base URL that is not an absolute http(s) URL ending in `/`. */
export function checkBaseUrl(baseUrl: string): void {
  const problems: Diagnostic[] = [];
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol) || !baseUrl.endsWith('/') || url.search || url.hash) {
    problems.push({
      code: 'usage/invalid',
      severity: 'error',
      message: `Base URL "${baseUrl}" must be an absolute http(s) URL ending in "/" (for example https://example.org/).`,
    });
  }
  if (problems.length > 0) throw new ProfileGraphError(problems);
}

/** Rejects a SPARQL endpoint that is not an absolute http(s) URL (without a fragment). */
export function checkSparqlEndpoint(endpoint: string): void {
  const url = URL.canParse(endpoint) ? new URL(endpoint) : undefined;
  if (url && /^https?:$/.test(url.protocol) && url.hash === '') return;
  throw new ProfileGraphError([
    {
      code: 'usage/invalid',
      severity: 'error',
      message: `SPARQL endpoint "${endpoint}" must be an absolute http(s) URL without a fragment (for example https://example.org/sparql).`,
    },
  ]);
}

function configMessage(error: ErrorObject): string {
  const where =
    error.instancePath === '' ? 'The configuration' : `"${error.instancePath.slice(1)}"`;
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return `Unknown configuration key "${extra}"; allowed: ${Object.keys(CONFIG_SCHEMA.properties)
      .filter((key) => key !== '$schema')
      .join(', ')}.`;
  }
  if (error.keyword === 'pattern' && error.instancePath === '/baseUrl') {
    return `"baseUrl" must be an absolute http(s) URL ending in "/".`;
  }
  if (error.keyword === 'pattern' && error.instancePath === '/sparqlEndpoint') {
    return `"sparqlEndpoint" must be an absolute http(s) URL.`;
  }
  return `${where} ${error.message ?? 'is invalid'}.`;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined),
  ) as Partial<T>;
}
