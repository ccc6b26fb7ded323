import { childPointer } from '../load/json-pointer.js';
import { diagnosticAt, type JsonValue, type SourceFile } from '../load/source-file.js';
import type { Diagnostic } from '../model/diagnostic.js';

/**
 * What a field of an imported document holds: text, a date, text that may be a date-time, a
 * list of texts, a number, ORCID's `{year, month, day}` date, anything (a field accepted and not
 * kept, such as ORCID's record metadata), an object with its own fields, or a list of such
 * objects.
 */
export type FieldSpec =
  | 'any'
  | 'orcid-date'
  | 'string'
  | 'date'
  | 'date-time'
  | 'strings'
  | 'number'
  | { object: ShapeSpec }
  | { array: ShapeSpec };

/** The fields an object may have. */
export type ShapeSpec = Readonly<Record<string, FieldSpec>>;

/** JSON Resume's `iso8601` definition: a year, a year and month, or a full date. */
const DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;
/** A date, or a date and time as schema.org's DateTime writes it. */
const DATE_TIME =
  /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01])(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * Checks an imported document against the fields its format defines. Returns located
 * `bridge/invalid-value` errors (a value of the wrong type, a malformed date) and
 * `bridge/unknown-field` warnings (a field the format does not define, which the import drops);
 * never throws.
 */
export function checkFields(
  source: SourceFile,
  spec: ShapeSpec,
  format: string,
  options: { nulls?: boolean } = {},
): Diagnostic[] {
  const check: Check = { source, format, nulls: options.nulls === true, out: [] };
  checkObject(check, source.json, '', spec);
  return check.out;
}

/** What every step of a check shares. */
interface Check {
  source: SourceFile;
  format: string;
  /** Whether `null` counts as absent (ORCID writes `"credit-name": null`). */
  nulls: boolean;
  out: Diagnostic[];
}

function checkObject(check: Check, value: JsonValue, pointer: string, spec: ShapeSpec): void {
  const { source, format, out } = check;
  if (!isObject(value)) {
    out.push(invalid(source, pointer, `${where(pointer)} must be an object, not ${kind(value)}.`));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = childPointer(pointer, key);
    const field = Object.hasOwn(spec, key) ? spec[key] : undefined;
    if (field === undefined) {
      out.push(
        diagnosticAt(source, at, {
          code: 'bridge/unknown-field',
          severity: 'warning',
          message: `Field "${key}" is not part of ${format}; it is not imported.`,
        }),
      );
      continue;
    }
    checkField(check, item, at, field);
  }
}

function checkField(check: Check, value: JsonValue, pointer: string, field: FieldSpec): void {
  const { source, out } = check;
  if (field === 'any' || (value === null && check.nulls)) return;
  if (typeof field === 'object') {
    if ('object' in field) {
      checkObject(check, value, pointer, field.object);
      return;
    }
    if (!Array.isArray(value)) {
      out.push(invalid(source, pointer, `${where(pointer)} must be a list, not ${kind(value)}.`));
      return;
    }
    value.forEach((item, index) => {
      checkObject(check, item, childPointer(pointer, index), field.array);
    });
    return;
  }
  switch (field) {
    case 'orcid-date': {
      checkObject(check, value, pointer, ORCID_DATE);
      const date = orcidDate(value);
      if (date !== undefined && !DATE.test(date))
        out.push(
          invalid(
            source,
            pointer,
            `${where(pointer)} must be a date YYYY, YYYY-MM or YYYY-MM-DD, not "${date}".`,
          ),
        );
      return;
    }
    case 'strings':
      if (!Array.isArray(value)) {
        out.push(
          invalid(
            source,
            pointer,
            `${where(pointer)} must be a list of texts, not ${kind(value)}.`,
          ),
        );
        return;
      }
      value.forEach((item, index) => {
        if (typeof item !== 'string')
          out.push(
            invalid(
              source,
              childPointer(pointer, index),
              `${where(childPointer(pointer, index))} must be a text, not ${kind(item)}.`,
            ),
          );
      });
      return;
    case 'number':
      if (typeof value !== 'number')
        out.push(
          invalid(source, pointer, `${where(pointer)} must be a number, not ${kind(value)}.`),
        );
      return;
    case 'string':
    case 'date':
    case 'date-time':
      if (typeof value !== 'string') {
        out.push(invalid(source, pointer, `${where(pointer)} must be a text, not ${kind(value)}.`));
        return;
      }
      if (field === 'date' && value !== '' && !DATE.test(value))
        out.push(
          invalid(
            source,
            pointer,
            `${where(pointer)} must be a date YYYY, YYYY-MM or YYYY-MM-DD, not "${value}".`,
          ),
        );
      if (field === 'date-time' && value !== '' && !DATE_TIME.test(value))
        out.push(
          invalid(
            source,
            pointer,
            `${where(pointer)} must be a date or date-time (YYYY-MM-DDThh:mm:ss), not "${value}".`,
          ),
        );
      return;
  }
}

const VALUE: ShapeSpec = { value: 'string' };
const ORCID_DATE: ShapeSpec = {
  year: { object: VALUE },
  month: { object: VALUE },
  day: { object: VALUE },
};

/**
 * ORCID's fuzzy date `{"year": {"value": "2020"}, "month": {"value": "03"}}` as ISO 8601
 * ("2020-03"), or undefined when it has no year.
 */
export function orcidDate(value: JsonValue | undefined): string | undefined {
  if (!isObject(value)) return undefined;
  const part = (key: string): string | undefined => {
    const holder = value[key];
    return isObject(holder) && typeof holder.value === 'string' ? holder.value : undefined;
  };
  const year = part('year');
  if (year === undefined) return undefined;
  return [year, part('month'), part('month') === undefined ? undefined : part('day')]
    .filter((item) => item !== undefined)
    .join('-');
}

function invalid(source: SourceFile, pointer: string, message: string): Diagnostic {
  return diagnosticAt(source, pointer, {
    code: 'bridge/invalid-value',
    severity: 'error',
    message,
  });
}

function where(pointer: string): string {
  return pointer === '' ? 'The document' : `"${pointer}"`;
}

function kind(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text "${value}"`;
  return `${typeof value} ${String(value)}`;
}

/** Whether a JSON value is an object (not null, not a list). */
export function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Readers of an already checked document, shared by the importers: absent or mistyped values
// read as absent (the check has reported them).

/** `parent[key]` when it is an object. */
export function object(
  parent: { [key: string]: JsonValue } | undefined,
  key: string,
): { [key: string]: JsonValue } | undefined {
  const value = parent?.[key];
  return isObject(value) ? value : undefined;
}

/** The objects in the array `parent[key]` (none when it is not an array). */
export function entries(
  parent: { [key: string]: JsonValue } | undefined,
  key: string,
): { [key: string]: JsonValue }[] {
  const value = parent?.[key];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** `parent[key]` when it is a non-empty string. */
export function text(
  parent: { [key: string]: JsonValue } | undefined,
  key: string,
): string | undefined {
  const value = parent?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
