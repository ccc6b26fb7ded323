import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  Ajv2020,
  type AnySchemaObject,
  type ErrorObject,
  type Format,
  type ValidateFunction,
} from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { childPointer, parsePointer } from '../load/json-pointer.js';
import { requireDirectory, toDisplayPath } from '../load/load-sources.js';
import { isMediaPath } from '../load/media-files.js';
import {
  diagnosticAt,
  parseSourceFile,
  type JsonValue,
  type SourceFile,
} from '../load/source-file.js';
import { CODES, type Code } from '../model/codes.js';
import { ProfileGraphError, sortDiagnostics, type Diagnostic } from '../model/diagnostic.js';

/** The schema every data file is validated against: its `$id`, which is also its file name. */
export const DOCUMENT_SCHEMA_ID = 'document.schema.json';

/** File name ending of the JSON Schemas read from the shapes directory. */
export const SCHEMA_FILE_SUFFIX = '.schema.json';

/** The JSON Schema dialect the shapes are written in. */
const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** Layer 2 of `validate`: the compiled authoring schemas (shapes/*.schema.json). */
export interface JsonSchemaValidator {
  /** Display paths of the schema files that were compiled, sorted. */
  readonly schemaFiles: readonly string[];
  /**
   * Validates one data file against `document.schema.json`. Returns one diagnostic per problem
   * (`schema/*` codes, located at the offending JSON pointer and line), sorted; `[]` when the
   * file conforms. Never throws for bad data.
   */
  validate(source: SourceFile): Diagnostic[];
  /**
   * Compiles the schemas now, if they are not compiled yet (see `lazy` of
   * {@link createJsonSchemaValidator}); throws the {@link ProfileGraphError} a broken schema
   * gives. {@link JsonSchemaValidator.validate} calls it first.
   */
  prepare(): void;
}

// ajv-formats is CommonJS: under NodeNext its default export arrives as `module.exports`,
// whose `default` property is the plugin function.
const formatsPlugin = formatsModule.default;

const isUri = formatValidator(formatsPlugin.get('uri'));
const isDate = formatValidator(formatsPlugin.get('date'));
const isDateTime = formatValidator(formatsPlugin.get('iso-date-time'));

/**
 * The formats the shapes use beyond ajv-formats, by name. Each accepts a string.
 *
 * - `schema-date`: an ISO 8601 date as schema.org Date/DateTime values are written: `YYYY`,
 *   `YYYY-MM`, `YYYY-MM-DD` (a real calendar day), or a full date-time
 *   `YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]` (ISO 8601-1:2019 §5.2.2 reduced precision, §5.4).
 * - `https-url`: an absolute URI (RFC 3986 §4.3) with the `https` scheme and a host.
 * - `image-url`: an `https-url`, or the path of an image file of the data folder under the base
 *   URL (`people/photo.jpg`: relative, no scheme, no `.` or `..` segment, an image ending of
 *   `MEDIA_TYPES`), which the integrity layer checks exists.
 * - `iri-reference`: a string with none of the characters RFC 3987 §2.2 excludes from IRIs
 *   (whitespace, controls, `<>"{}|\^` and backtick); relative references, compact IRIs and
 *   blank node labels pass, and the JSON-LD layer resolves them.
 */
export const SCHEMA_FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  'schema-date': (value) =>
    /^\d{4}$/.test(value) ||
    /^\d{4}-(?:0[1-9]|1[0-2])$/.test(value) ||
    isDate(value) ||
    (value.includes('T') && isDateTime(value)),
  'https-url': isHttpsUrl,
  'image-url': (value) => isHttpsUrl(value) || isMediaFilePath(value),
  'iri-reference': (value) => /^[^\s\p{Cc}<>"{}|\\^`]*$/u.test(value),
};

function isHttpsUrl(value: string): boolean {
  return /^https:\/\/[^/?#]+/.test(value) && isUri(value);
}

/** A relative path to an image file: `people/photo.jpg`, never `/x.jpg`, `../x.jpg` or `a:b.jpg`. */
function isMediaFilePath(value: string): boolean {
  return (
    /^[^/\\:?#\s][^\\:?#\s]*$/.test(value) &&
    !value.split('/').some((segment) => segment === '.' || segment === '..' || segment === '') &&
    isMediaPath(value)
  );
}

/** The JSON Schema layer when the `profile` rule set is not chosen: it checks nothing. */
export const NO_JSON_SCHEMA: JsonSchemaValidator = {
  schemaFiles: [],
  validate: () => [],
  prepare: () => undefined,
};

/**
 * Reads every `*.schema.json` in `shapesDir` (resolved against `root`; sorted by name), checks
 * each against the JSON Schema 2020-12 meta-schema and compiles them all once, in strict mode.
 *
 * Throws a {@link ProfileGraphError} (exit code 2) when the schemas themselves are broken:
 * `io/not-found` for a missing directory or a missing `document.schema.json`;
 * `syntax/invalid-json` / `syntax/duplicate-key` for a file that is not clean JSON; and
 * `schema/invalid` for a schema that is not valid JSON Schema or does not compile (unknown
 * keyword, unresolved `$ref`, unknown format...), located in the schema file (pointer and line)
 * whenever ajv's report allows it. A schema's `$id` must be its file name: `$ref`s between
 * files resolve through it (`"$ref": "defs.schema.json#/$defs/date"`), as they do in editors.
 *
 * With `lazy`, the files are read and checked against the meta-schema now but compiled on first
 * use ({@link JsonSchemaValidator.prepare}), where the compile errors above are thrown instead:
 * compiling is most of the cost of a cold start, and a run whose every file comes from the
 * cache validates none.
 */
export async function createJsonSchemaValidator(
  shapesDir: string,
  root: string,
  { lazy = false }: { lazy?: boolean } = {},
): Promise<JsonSchemaValidator> {
  const files = await readSchemaFiles(shapesDir, root);
  const ajv = createAjv();
  const problems = files.flatMap((file) => checkSchemaFile(ajv, file));
  if (problems.length > 0) throw new ProfileGraphError(sortDiagnostics(problems));

  const entry = files.find((file) => schemaId(file) === DOCUMENT_SCHEMA_ID);
  if (entry === undefined) {
    const display = toDisplayPath(path.resolve(root, shapesDir, DOCUMENT_SCHEMA_ID), root);
    throw new ProfileGraphError([
      {
        code: 'io/not-found',
        severity: 'error',
        message: `Schema not found: ${display} (the schema every data file is validated against).`,
      },
    ]);
  }

  for (const file of files) {
    // Already checked against the meta-schema above, with located errors.
    ajv.addSchema(file.json as AnySchemaObject, undefined, undefined, false);
  }
  let compiled: ValidateFunction | undefined;
  const compile = (): ValidateFunction => {
    if (compiled !== undefined) return compiled;
    let validateDocument: ValidateFunction | undefined;
    for (const file of files) {
      // Compile every file, not only what the entry reaches, so a broken schema is never latent.
      try {
        const validate = ajv.getSchema(schemaId(file));
        if (file === entry) validateDocument = validate;
      } catch (error) {
        throw new ProfileGraphError([compileDiagnostic(error, file, files)]);
      }
    }
    if (validateDocument === undefined) throw new TypeError(`ajv did not compile ${entry.path}`);
    return (compiled = validateDocument);
  };
  if (!lazy) compile();

  return {
    schemaFiles: files.map((file) => file.path),
    prepare() {
      compile();
    },
    validate(source: SourceFile): Diagnostic[] {
      const compiled = compile();
      if (compiled(source.json)) return [];
      return sortDiagnostics(
        reduceErrors(compiled.errors ?? []).map((finding) => toDiagnostic(source, finding)),
      );
    },
  };
}

function createAjv(): Ajv2020 {
  // allowUnionTypes: strict mode rejects `"type": ["string", "array"]` without it, and union
  // types are what keep "one value or a list" schemas free of anyOf error fan-out.
  // verbose: errors carry the failing value and schema, which the messages quote.
  // code.optimize off: ajv's passes over the generated code were a third of compiling the
  // shapes, paid on every cold start; the unoptimised validators check the same and report
  // the same errors, and a profile's files are few enough that their slightly longer code
  // does not show.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
    code: { optimize: false },
  });
  formatsPlugin(ajv);
  for (const [name, validate] of Object.entries(SCHEMA_FORMATS)) {
    ajv.addFormat(name, { type: 'string', validate });
  }
  return ajv;
}

async function readSchemaFiles(shapesDir: string, root: string): Promise<SourceFile[]> {
  const directory = await requireDirectory(shapesDir, root, 'Shapes');
  const names = (await readdir(directory, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith(SCHEMA_FILE_SUFFIX))
    .map((entry) => entry.name)
    .sort();
  const files: SourceFile[] = [];
  const problems: Diagnostic[] = [];
  for (const name of names) {
    const absolute = path.join(directory, name);
    const parsed = parseSourceFile(toDisplayPath(absolute, root), await readFile(absolute, 'utf8'));
    problems.push(...parsed.diagnostics);
    if (parsed.ok) files.push(parsed.source);
  }
  if (problems.length > 0) throw new ProfileGraphError(sortDiagnostics(problems));
  return files;
}

/** The checks that can be made on one schema file before any `$ref` is resolved. */
function checkSchemaFile(ajv: Ajv2020, file: SourceFile): Diagnostic[] {
  const invalid = (pointer: string, message: string) =>
    diagnosticAt(file, pointer, {
      code: 'schema/invalid',
      severity: 'error',
      message: `Invalid JSON Schema: ${message}`,
    });
  const { json } = file;
  if (!isObject(json)) return [invalid('', `${file.path} must be a JSON object.`)];
  const expectedId = path.posix.basename(file.path);
  const problems: Diagnostic[] = [];
  if (json.$schema !== undefined && json.$schema !== DRAFT_2020_12) {
    problems.push(invalid('/$schema', `"$schema" must be "${DRAFT_2020_12}" (draft 2020-12).`));
  }
  if (json.$id !== expectedId) {
    problems.push(
      invalid(
        json.$id === undefined ? '' : '/$id',
        `"$id" must be "${expectedId}", the file name, so that $refs between files resolve.`,
      ),
    );
  }
  if (problems.length > 0) return problems;
  if (!ajv.validateSchema(json)) {
    return reduceErrors(ajv.errors ?? []).map(({ error, pointer }) =>
      invalid(pointer, describeError(error, pointer).message),
    );
  }
  // The meta-schema does not check regular expressions; ajv would fail later, unlocated.
  return badPatterns(json).map(({ pointer, reason }) => invalid(pointer, `${reason}.`));
}

/** `pattern` values and `patternProperties` keys that are not ECMA-262 regexps (`u` flag). */
function badPatterns(schema: JsonValue, pointer = ''): { pointer: string; reason: string }[] {
  if (Array.isArray(schema)) {
    return schema.flatMap((item, index) => badPatterns(item, childPointer(pointer, index)));
  }
  if (!isObject(schema)) return [];
  const found: { pointer: string; reason: string }[] = [];
  const check = (source: string, at: string) => {
    try {
      new RegExp(source, 'u');
    } catch (error) {
      found.push({ pointer: at, reason: (error as Error).message });
    }
  };
  for (const [key, value] of Object.entries(schema)) {
    const at = childPointer(pointer, key);
    if (key === 'pattern' && typeof value === 'string') check(value, at);
    if (key === 'patternProperties' && isObject(value)) {
      for (const source of Object.keys(value)) check(source, childPointer(at, source));
    }
    found.push(...badPatterns(value, at));
  }
  return found;
}

function schemaId(file: SourceFile): string {
  return (file.json as { $id: string }).$id;
}

/**
 * Builds the diagnostic for an ajv compile error (strict mode, unresolved `$ref`, unknown
 * format), located in the schema file when ajv's message allows it.
 */
function compileDiagnostic(
  error: unknown,
  compiling: SourceFile,
  files: readonly SourceFile[],
): Diagnostic {
  const reason = (error instanceof Error ? error.message : String(error)).replace(/\.?$/, '.');
  const where = locateCompileError(reason, [compiling, ...files]);
  const diagnostic = { code: 'schema/invalid', severity: 'error' } as const;
  return where === undefined
    ? {
        ...diagnostic,
        message: `Invalid JSON Schema (in ${compiling.path} or a schema it references): ${reason}`,
      }
    : diagnosticAt(where.file, where.pointer, {
        ...diagnostic,
        message: `Invalid JSON Schema: ${reason}`,
      });
}

/** ajv names the schema path in some compile errors and the offending keyword in others. */
function locateCompileError(
  reason: string,
  files: readonly SourceFile[],
): { file: SourceFile; pointer: string } | undefined {
  const first = (matches: Matcher) => {
    for (const file of files) {
      const pointer = findPointer(file.json, matches);
      if (pointer !== undefined) return { file, pointer };
    }
    return undefined;
  };
  // "... at path "defs.schema.json#/$defs/x"", "... at "#/then" (strictTypes)"; ajv may prefix
  // the id of the schema that referenced the one at fault.
  const at = /(?:at|path) "([^"#]*)#([^"]*)"/.exec(reason);
  if (at) {
    const [, id = '', fragment = ''] = at;
    const pointer = decodeURIComponent(fragment);
    const file = files
      .filter((candidate) => (id === '' ? true : id.endsWith(schemaId(candidate))))
      .sort((a, b) => schemaId(b).length - schemaId(a).length)
      .find((candidate) => candidate.positions.has(pointer));
    if (file) return { file, pointer };
  }
  // MissingRefError: "can't resolve reference X from id Y"
  const missing = /can't resolve reference (\S+) from id (\S+?)\.?$/.exec(reason);
  if (missing) {
    const [, target = '', from = ''] = missing;
    const file = files.find((candidate) => schemaId(candidate) === from);
    const pointer = file
      ? findPointer(
          file.json,
          (value, key) =>
            key === '$ref' &&
            typeof value === 'string' &&
            (value === target || `${from}${value}` === target),
        )
      : undefined;
    if (file) return { file, pointer: pointer ?? '' };
  }
  // "strict mode: unknown keyword: "requird""
  const unknown = /unknown keyword: "([^"]+)"/.exec(reason)?.[1];
  if (unknown !== undefined) return first((_value, key) => key === unknown);
  // "strict mode: "then" without "if" is ignored"
  const without = /"([^"]+)" without "([^"]+)"/.exec(reason);
  if (without) {
    const [, present = '', absent = ''] = without;
    return first((_value, key, parent) => key === present && !Object.hasOwn(parent, absent));
  }
  return undefined;
}

/** A test on one object member: its value, its key and the object holding it. */
type Matcher = (value: JsonValue, key: string, parent: { [key: string]: JsonValue }) => boolean;

/** The pointer of the first object member (depth-first, document order) that matches. */
function findPointer(value: JsonValue, matches: Matcher, pointer = ''): string | undefined {
  const entries: [string, JsonValue][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : isObject(value)
      ? Object.entries(value)
      : [];
  for (const [key, item] of entries) {
    const child = childPointer(pointer, key);
    if (isObject(value) && matches(item, key, value)) return child;
    const found = findPointer(item, matches, child);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** One ajv error kept for reporting, with the pointer it is about. */
interface Finding {
  error: ErrorObject;
  pointer: string;
}

/** Keywords whose error only summarises the errors of their subschemas. */
const SUMMARY_KEYWORDS = new Set(['anyOf', 'oneOf', 'propertyNames']);

/**
 * Turns ajv's `allErrors` output into one finding per real problem:
 *
 * - `if` errors ("must match then schema") only repeat the `then`/`else` error; dropped.
 * - `anyOf`/`oneOf`/`propertyNames` errors are dropped when a more specific error exists at or
 *   below the same value.
 * - A value gets one finding: the most telling of its errors (a missing or extra property, then
 *   enum, format, pattern, any other keyword, and a wrong type last). A "one or many" value
 *   reports its type once, with the widest list of allowed types.
 */
function reduceErrors(errors: readonly ErrorObject[]): Finding[] {
  const findings = errors
    .filter((error) => error.keyword !== 'if')
    .map((error) => ({ error, pointer: pointerOf(error) }));
  const specific = findings.filter(({ error }) => !SUMMARY_KEYWORDS.has(error.keyword));
  const kept = findings.filter(
    (finding) =>
      !SUMMARY_KEYWORDS.has(finding.error.keyword) ||
      !specific.some(({ pointer }) => isWithin(pointer, finding.pointer)),
  );
  const best = new Map<string, Finding>();
  for (const finding of kept) {
    const current = best.get(finding.pointer);
    if (current === undefined || isMoreTelling(finding.error, current.error)) {
      best.set(finding.pointer, finding);
    }
  }
  return [...best.values()];
}

function isMoreTelling(candidate: ErrorObject, current: ErrorObject): boolean {
  const difference = rank(candidate) - rank(current);
  if (difference !== 0) return difference < 0;
  return (
    candidate.keyword === 'type' && allowedTypes(candidate).length > allowedTypes(current).length
  );
}

function rank(error: ErrorObject): number {
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired':
      return 0;
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 1;
    case 'enum':
    case 'const':
      return 2;
    case 'format':
      return 3;
    case 'pattern':
      return 4;
    case 'type':
      // Type-specific keywords only run on values of their type, so a type error shares a
      // value with another error only when that error comes from an alternative (an anyOf
      // branch that accepted the value's type) or from enum/const: either says more.
      return 6;
    default:
      return SUMMARY_KEYWORDS.has(error.keyword) ? 7 : 5;
  }
}

/** The pointer a finding is reported at: the missing or extra key for property errors. */
function pointerOf(error: ErrorObject): string {
  const key =
    param(error, 'missingProperty') ??
    param(error, 'additionalProperty') ??
    param(error, 'unevaluatedProperty') ??
    param(error, 'propertyName');
  return key === undefined ? error.instancePath : childPointer(error.instancePath, key);
}

function isWithin(pointer: string, ancestor: string): boolean {
  return ancestor === '' || pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

function param(error: ErrorObject, name: string): string | undefined {
  const value = (error.params as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function toDiagnostic(source: SourceFile, { error, pointer }: Finding): Diagnostic {
  const code = codeOf(error.keyword);
  const { message, hint } = describeError(error, pointer);
  return diagnosticAt(source, pointer, {
    code,
    severity: CODES[code].severity,
    message,
    ...(hint === undefined ? {} : { hint }),
  });
}

function codeOf(keyword: string): Code {
  switch (keyword) {
    case 'required':
    case 'dependentRequired':
      return 'schema/required';
    case 'type':
      return 'schema/type';
    case 'format':
      return 'schema/format';
    case 'enum':
    case 'const':
      return 'schema/enum';
    case 'pattern':
      return 'schema/pattern';
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'schema/additional-property';
    default:
      return 'schema/invalid';
  }
}

/** What each format accepts, as the end of a sentence. */
const FORMAT_PHRASES: Readonly<Record<string, string>> = {
  'schema-date': 'is not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or a full date-time)',
  'https-url': 'is not an absolute https URL',
  'image-url':
    'is neither an absolute https URL nor the path of an image in the data folder (people/photo.jpg)',
  'iri-reference': 'is not a valid IRI reference',
  uri: 'is not an absolute URI',
};

/** One sentence naming the property and the value; a hint where the fix is mechanical. */
function describeError(error: ErrorObject, pointer: string): { message: string; hint?: string } {
  const subject = `${propertyLabel(error.instancePath)} ${formatValue(error.data)}`;
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired':
      return {
        message: `${capitalize(nodeLabel(error))} is missing the required property "${lastToken(pointer)}".`,
      };
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return { message: `Property "${lastToken(pointer)}" is not allowed in ${nodeLabel(error)}.` };
    case 'type': {
      const allowed = allowedTypes(error);
      const message = `${subject} must be ${describeTypes(allowed, error.parentSchema)}.`;
      const hint = typeHint(error.data, allowed);
      return hint === undefined ? { message } : { message, hint };
    }
    case 'format': {
      const format = param(error, 'format') ?? '';
      return { message: `${subject} ${FORMAT_PHRASES[format] ?? `is not a valid "${format}"`}.` };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      return { message: `${subject} is not one of ${allowed.map(formatValue).join(', ')}.` };
    }
    case 'const': {
      const allowed = (error.params as { allowedValue?: unknown }).allowedValue;
      return { message: `${subject} must be ${formatValue(allowed)}.` };
    }
    case 'pattern': {
      const title = (error.parentSchema as { title?: unknown } | undefined)?.title;
      return {
        message:
          typeof title === 'string'
            ? `${subject} is not a valid ${title}.`
            : `${subject} does not match the pattern ${param(error, 'pattern') ?? ''}.`,
      };
    }
    case 'minLength':
      if ((error.params as { limit?: unknown }).limit === 1) {
        return { message: `${propertyLabel(error.instancePath)} must not be empty.` };
      }
      break;
    default:
      break;
  }
  return { message: `${subject} ${error.message ?? 'is invalid'}.` };
}

/** The mechanical fix for two common type mistakes: a bare-string link, an unquoted date. */
function typeHint(value: unknown, allowed: readonly string[]): string | undefined {
  if (typeof value === 'string' && allowed.includes('object') && !allowed.includes('string')) {
    return `Link to a node with { "@id": ${JSON.stringify(value)} }.`;
  }
  if (typeof value === 'number' && allowed.includes('string') && !allowed.includes('number')) {
    return `Quote it: "${String(value)}".`;
  }
  return undefined;
}

function allowedTypes(error: ErrorObject): string[] {
  // ajv reports `params.type` as "string,array" or, for union types, as the schema's array.
  const type = (error.params as { type?: unknown }).type;
  if (Array.isArray(type)) return type.filter((item) => typeof item === 'string');
  return typeof type === 'string' ? type.split(',') : [];
}

const ARTICLES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function describeTypes(types: readonly string[], parentSchema: unknown): string {
  const items = (parentSchema as { items?: { type?: unknown } } | undefined)?.items?.type;
  const phrases = types.map((type) =>
    type === 'array' && typeof items === 'string' && items !== 'array' && items !== 'null'
      ? `an array of ${items}s`
      : (ARTICLES[type] ?? type),
  );
  return phrases.length <= 1
    ? (phrases[0] ?? 'valid')
    : `${phrases.slice(0, -1).join(', ')} or ${phrases.at(-1) ?? ''}`;
}

/** `/worksFor/0/startDate` → `startDate`; `/sameAs/1` → `sameAs[1]`; `` → `The document`. */
function propertyLabel(pointer: string): string {
  const tokens = parsePointer(pointer);
  let indices = '';
  while (tokens.length > 0 && /^\d+$/.test(tokens.at(-1) ?? '')) {
    indices = `[${tokens.pop() ?? ''}]${indices}`;
  }
  return `${tokens.at(-1) ?? 'The document'}${indices}`;
}

/** The object an error is about: `Person "people/x#id"`, `EmployeeRole`, or its property. */
function nodeLabel(error: ErrorObject): string {
  const data = error.data;
  if (isObject(data)) {
    const typeValue = data['@type'] ?? data.type;
    const type = Array.isArray(typeValue) ? typeValue[0] : typeValue;
    const id = data['@id'] ?? data.id;
    if (typeof type === 'string') return typeof id === 'string' ? `${type} "${id}"` : type;
  }
  return error.instancePath === '' ? 'the document' : propertyLabel(error.instancePath);
}

function lastToken(pointer: string): string {
  return parsePointer(pointer).at(-1) ?? '';
}

function formatValue(value: unknown): string {
  // JSON.stringify returns undefined for undefined (no value: a missing property).
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Capitalises "the document" at the start of a sentence; property names keep their case. */
function capitalize(label: string): string {
  return label === 'the document' ? 'The document' : label;
}

function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An ajv-formats format as a predicate on strings. */
function formatValidator(format: Format): (value: string) => boolean {
  if (format === true) return () => true;
  if (format instanceof RegExp) return (value) => format.test(value);
  if (typeof format === 'function') return (value) => format(value);
  if (typeof format === 'string') return (value) => new RegExp(format, 'u').test(value);
  if ('async' in format && format.async)
    throw new TypeError('Asynchronous formats are not supported.');
  return formatValidator(format.validate as Format);
}
