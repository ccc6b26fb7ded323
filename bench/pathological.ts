// Pathological small inputs: files of a few hundred kilobytes that once took tens of seconds in
// one validation layer (issue #15, item 3), plus the hostile shapes the input layer now
// refuses (deep nesting, alike blank nodes). Each case is written to a temp folder and
// validated in this process with the bundled shapes; the table shows the wall time, the
// slowest stage and what was reported. Goal: every case well under a second or two, and
// none growing faster than its input.
// Run: node --import tsx bench/pathological.ts [--cases keywords,unknown-properties]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../src/model/config.js';
import { createValidators, validateProfile } from '../src/validate/validate.js';

/** One pathological profile: a name and its data files (path → JSON text). */
export interface PathologicalCase {
  name: string;
  /** What it is, in a few words, for the table. */
  what: string;
  files: () => Record<string, string>;
}

const CONTEXT = 'https://schema.org';
const SHACL_NODES = Number(process.env.PG_SHACL_NODES ?? 5000);

/** A Person with everything its shapes require, plus `extra` members. */
function person(id: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    '@context': CONTEXT,
    '@type': 'Person',
    '@id': id,
    name: 'Ada Lovelace',
    description: 'Mathematician.',
    jobTitle: 'Analyst',
    ...extra,
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Blank nodes alike in every way, each knowing the next: RDFC-1.0's worst case. */
function ring(size: number): Record<string, unknown>[] {
  return Array.from({ length: size }, (_, i) => ({
    '@id': `_:b${String(i)}`,
    '@type': 'Person',
    name: 'Same',
    description: 'd',
    jobTitle: 'j',
    knows: { '@id': `_:b${String((i + 1) % size)}` },
  }));
}

export const PATHOLOGICAL_CASES: readonly PathologicalCase[] = [
  {
    name: 'keywords',
    what: '40,000 keywords on one node',
    files: () => ({
      'person.jsonld': json(
        person('people/ada#id', {
          keywords: Array.from({ length: 40_000 }, (_, i) => `k${String(i)}`),
        }),
      ),
    }),
  },
  {
    name: 'unknown-properties',
    what: '8,000 unknown properties',
    files: () => ({
      'person.jsonld': json(
        person(
          'people/ada#id',
          Object.fromEntries(
            Array.from({ length: 8000 }, (_, i) => [`unknownProperty${String(i)}`, 'x']),
          ),
        ),
      ),
    }),
  },
  {
    name: 'shacl-inline',
    what: '5,000 inline nodes failing SHACL',
    files: () => ({
      'person.jsonld': json(
        person('people/ada#id', {
          knows: Array.from({ length: SHACL_NODES }, (_, i) => ({
            '@type': 'Person',
            name: `Friend ${String(i)}`,
            description: 'A friend.',
          })),
        }),
      ),
    }),
  },
  {
    name: 'deep-nesting',
    what: '100,000-deep JSON nesting',
    files: () => ({
      'person.jsonld': `{"@context": "${CONTEXT}", "@type": "Person", "@id": "people/ada#id", "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}\n`,
    }),
  },
  {
    name: 'blank-ring',
    what: 'ring of 600 alike blank nodes',
    files: () => ({ 'person.jsonld': json(person('people/ada#id', { knows: ring(600) })) }),
  },
];

/** One case's measurement. */
export interface PathologicalResult {
  name: string;
  what: string;
  kilobytes: number;
  ms: number;
  /** The slowest stage and its milliseconds. */
  slowest: string;
  diagnostics: number;
  /** Distinct codes reported, with counts. */
  codes: string;
}

/** Validates each case in a fresh temp folder and measures it. */
export async function benchPathological(names?: readonly string[]): Promise<PathologicalResult[]> {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const validators = await createValidators(path.join(repo, 'shapes'), repo);
  const results: PathologicalResult[] = [];
  for (const each of PATHOLOGICAL_CASES) {
    if (names && !names.includes(each.name)) continue;
    const root = await mkdtemp(path.join(tmpdir(), `pg-pathological-${each.name}-`));
    try {
      await mkdir(path.join(root, 'data'));
      let bytes = 0;
      for (const [file, text] of Object.entries(each.files())) {
        bytes += Buffer.byteLength(text);
        await writeFile(path.join(root, 'data', file), text);
      }
      const config = { ...DEFAULT_CONFIG, baseUrl: 'http://localhost:8080/', data: 'data' };
      const started = performance.now();
      const result = await validateProfile(config, root, validators);
      const ms = performance.now() - started;
      const [stage, stageMs] = Object.entries(result.timings).reduce<[string, number]>(
        (max, [name, time]) => (time > max[1] ? [name, time] : max),
        ['-', 0],
      );
      const counts = new Map<string, number>();
      for (const d of result.diagnostics) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
      results.push({
        name: each.name,
        what: each.what,
        kilobytes: Math.round(bytes / 1024),
        ms: Math.round(ms),
        slowest: `${stage} ${String(Math.round(stageMs))} ms`,
        diagnostics: result.diagnostics.length,
        codes: [...counts].map(([code, count]) => `${code} ×${String(count)}`).join(', '),
      });
      console.error(`pathological: ${each.name} ${String(Math.round(ms))} ms`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
  return results;
}

/** Prints the results as a table. */
export function printPathological(results: readonly PathologicalResult[]): void {
  console.log('\nPathological small inputs (validate, in process)');
  console.table(
    results.map((r) => ({
      case: r.what,
      KB: r.kilobytes,
      'total ms': r.ms,
      'slowest stage': r.slowest,
      diagnostics: r.diagnostics,
      codes: r.codes,
    })),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { cases: { type: 'string' } } });
  printPathological(await benchPathological(values.cases?.split(',')));
}
