import type { Code, Severity } from './codes.js';

export type { Severity } from './codes.js';

/**
 * One finding about the input, located as precisely as the layer that found it allows.
 * Every layer (syntax, schema, JSON-LD, vocabulary, integrity, SHACL, RDF parsing) reports in
 * this one shape, so every output format and every consumer handles them alike.
 */
export interface Diagnostic {
  /** Stable `area/kebab-case` code, listed once with its meaning in `model/codes.ts`. */
  code: Code;
  severity: Severity;
  /** One sentence naming the offending value. */
  message: string;
  /** Repository-relative POSIX path, or `-` for standard input. */
  file?: string;
  /** RFC 6901 JSON pointer into the file's JSON, e.g. `/worksFor/0/name`. */
  pointer?: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** IRI or blank node of the graph node the finding is about (graph-level layers). */
  focusNode?: string;
  /** A suggested fix, e.g. `did you mean "alumniOf"?`. */
  hint?: string;
  /** The rule set whose rule this is (`schema.org`, `google`, `profile`), when a shape found it. */
  ruleSet?: string;
  /** The documentation of the requirement that failed (a shape's `rdfs:seeAlso`). */
  seeAlso?: string;
}

/**
 * Thrown for problems outside the data (a bad flag, a missing directory, an unreadable
 * configuration): carries the diagnostics so the CLI can render them like any other finding.
 */
export class ProfileGraphError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  /** Suggested process exit status: 2 for usage/configuration, 1 for data problems. */
  readonly exitCode: number;

  constructor(diagnostics: readonly Diagnostic[], exitCode = 2) {
    super(diagnostics.map((d) => d.message).join('\n'));
    this.name = 'ProfileGraphError';
    this.diagnostics = diagnostics;
    this.exitCode = exitCode;
  }
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Orders diagnostics for display and for stable output: by file, then line, column, code.
 * Returns a new array.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.code, b.code) ||
      compareText(a.message, b.message),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Findings of one code reported per file before the rest are summed up (see
 * {@link capPerFileAndCode}): a file with 40,000 raw NULs or 8,000 invented properties needs
 * its first few located, not every one.
 */
export const MAX_FINDINGS_PER_CODE = 100;

/**
 * Keeps the first `limit` diagnostics of each code in each file, in the given order, and puts
 * in place of the rest one diagnostic of that code and severity: "... and 7,900 more
 * vocab/unknown-property in this file." (no line: it stands for many). Returns a new array.
 */
export function capPerFileAndCode(
  diagnostics: readonly Diagnostic[],
  limit: number = MAX_FINDINGS_PER_CODE,
): Diagnostic[] {
  const counts = new Map<string, number>();
  const summaries = new Map<string, Diagnostic>();
  const kept: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const key = `${diagnostic.file ?? ''}\n${diagnostic.code}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count <= limit) kept.push(diagnostic);
    else if (count === limit + 1) {
      const summary: Diagnostic = {
        code: diagnostic.code,
        severity: diagnostic.severity,
        message: '',
        ...(diagnostic.file === undefined ? {} : { file: diagnostic.file }),
      };
      summaries.set(key, summary);
      kept.push(summary);
    }
  }
  for (const [key, summary] of summaries) {
    const more = (counts.get(key) ?? 0) - limit;
    summary.message = `... and ${more.toLocaleString('en-US')} more ${summary.code} in this file.`;
  }
  return kept;
}
