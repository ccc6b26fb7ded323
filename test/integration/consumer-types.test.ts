// The published types, checked the way a strict consumer checks them (issue #14): the packed
// package installed offline in an empty folder (test/support/packed.ts), a file that imports
// every entry point and uses each one's types, and the consumer's own `tsc` run with
// `skipLibCheck: false`, so every declaration file the entry points reach is checked too
// (profile-graph's, and those of the packages they name). Under each module resolution a
// consumer may choose: `node16` is the strictest about CommonJS and ES module boundaries.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { installPacked, packOnce } from '../support/packed.js';
import { REPO_ROOT } from '../support/profile.js';

const exec = promisify(execFile);
const SETUP_MS = 600_000;
const TSC_MS = 120_000;

let consumer: string;

beforeAll(async () => {
  consumer = await installPacked(await packOnce());
  await writeFile(path.join(consumer, 'uses-every-entry.ts'), USES_EVERY_ENTRY);
}, SETUP_MS);

/** Uses each entry point through its types: a value typed `any` would not catch the last lines. */
const USES_EVERY_ENTRY = `import type { IncomingMessage, ServerResponse } from 'node:http';
import { createApp, CODES, type Site } from 'profile-graph';
import {
  createGraph,
  jsonLdScript,
  jsonLdScriptParts,
  type Diagnostic,
  type JsonLdScriptParts,
} from 'profile-graph/embed';
import { parseQuads, serializeQuads, type Quad, type Term } from 'profile-graph/rdf';
import { validateDocuments, type ValidationReport } from 'profile-graph/validate';
import { profileGraph, type Middleware } from 'profile-graph/server';

const graph = createGraph({ base: 'https://example.org/' });
const person = graph.add({ '@type': 'Person', name: 'Ada' });
graph.add({ '@type': 'ProfilePage', mainEntity: person });
const built = graph.build();
export const html: string = built.ok ? jsonLdScript(built.graph, { nonce: 'n' }) : '';
export const parts: JsonLdScriptParts = jsonLdScriptParts({ '@context': 'https://schema.org' });
export const problems: Diagnostic[] = built.ok ? [] : built.diagnostics;

export async function roundTrip(text: string): Promise<string> {
  const { quads } = await parseQuads(text, { format: 'turtle', baseIri: 'https://example.org/' });
  const first: Quad | undefined = quads[0];
  const subject: Term | undefined = first?.subject;
  if (subject?.termType === 'NamedNode') subject.value.toUpperCase();
  return serializeQuads(quads, 'ntriples');
}

export const report: Promise<ValidationReport> = validateDocuments({ 'a.jsonld': {} });
export const mounted: Promise<Middleware> = profileGraph({ data: 'data' });
export function listener(siteRef: { current: Site }) {
  const app = createApp(siteRef);
  return (request: IncomingMessage, response: ServerResponse) => app(request, response);
}
export const severity: string = CODES['graph/orphan-node'].severity;
`;

/** A strict consumer's tsconfig.json for one module resolution, over the given file. */
function tsconfig(resolution: 'node16' | 'nodenext' | 'bundler', file: string) {
  return {
    compilerOptions: {
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      target: 'es2022',
      lib: ['es2022'],
      module: resolution === 'bundler' ? 'esnext' : resolution,
      moduleResolution: resolution,
      // node:http in the file above is the consumer's own import; no other global types.
      types: ['node'],
    },
    files: [file],
  };
}

/** Runs this repository's TypeScript in the consumer folder: exit status and what it printed. */
async function typeCheck(project: string): Promise<{ status: number; output: string }> {
  const tsc = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
  return exec(process.execPath, [tsc, '-p', project, '--pretty', 'false'], {
    cwd: consumer,
  }).then(
    ({ stdout }) => ({ status: 0, output: stdout }),
    (error: unknown) => {
      const failed = error as { code: number; stdout: string };
      return { status: failed.code, output: failed.stdout };
    },
  );
}

describe('a strict TypeScript consumer of the packed package', () => {
  it.each(['node16', 'nodenext', 'bundler'] as const)(
    'type-checks every entry point with skipLibCheck false under moduleResolution %s',
    async (resolution) => {
      const project = `tsconfig.${resolution}.json`;
      await writeFile(
        path.join(consumer, project),
        JSON.stringify(tsconfig(resolution, 'uses-every-entry.ts')),
      );
      expect(await typeCheck(project)).toEqual({ status: 0, output: '' });
    },
    TSC_MS,
  );

  it(
    'rejects a wrongly typed call: the entry points are typed, not any',
    async () => {
      await writeFile(
        path.join(consumer, 'wrong.ts'),
        [
          "import { createGraph } from 'profile-graph/embed';",
          "import { parseQuads } from 'profile-graph/rdf';",
          // schema-dts types `name` as text, never a number.
          "createGraph({ base: 'https://example.org/' }).add({ '@type': 'Person', name: 42 });",
          // Not a format of the registry.
          "void parseQuads('', { format: 'yaml', baseIri: 'https://example.org/' });",
          '',
        ].join('\n'),
      );
      await writeFile(
        path.join(consumer, 'tsconfig.wrong.json'),
        JSON.stringify(tsconfig('node16', 'wrong.ts')),
      );
      const { status, output } = await typeCheck('tsconfig.wrong.json');
      expect(status).toBe(2);
      const errors = output
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith(' '))
        .map((line) => /^([^(]+)\((\d+),\d+\): error (TS\d+)/.exec(line)?.slice(1) ?? line);
      expect(errors).toEqual([
        ['wrong.ts', '3', 'TS2322'],
        ['wrong.ts', '4', 'TS2322'],
      ]);
    },
    TSC_MS,
  );
});
