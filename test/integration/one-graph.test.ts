// Issue #16 item 2: every command runs one pipeline, so the CLI and the server answer over the
// same graph (page dates included).
import { isomorphic } from 'rdf-isomorphic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createDocumentLoader } from '../../src/rdf/document-loader.js';
import { readRdf } from '../../src/rdf/read-rdf.js';
import { capturedIo, type CapturedIo } from '../support/captured-io.js';
import { REPO_ROOT } from '../support/profile.js';

/** A fixed build date, so the page's dateModified is known whatever the checkout's history. */
const ENV = { SOURCE_DATE_EPOCH: '1767225600' };

function ioAt(options: { shutdown?: Promise<void> } = {}): CapturedIo {
  const io = capturedIo({ cwd: REPO_ROOT, ...options });
  io.env = ENV;
  return io;
}

const PAGE_DATES = `PREFIX schema: <http://schema.org/>
SELECT ?page ?modified WHERE { ?page schema:dateModified ?modified } ORDER BY ?page`;

interface SparqlJson {
  results: { bindings: Record<string, { type: string; value: string; datatype?: string }>[] };
}

describe('one graph for every command', { timeout: 180_000 }, () => {
  let origin = '';
  let stop: () => void = () => undefined;
  let exit: Promise<number>;
  let served: CapturedIo;

  beforeAll(async () => {
    const shutdown = new Promise<void>((resolve) => {
      stop = resolve;
    });
    served = ioAt({ shutdown });
    exit = main(['serve', '--port', '0', '--quiet'], served);
    const deadline = Date.now() + 120_000;
    while (!/Serving .* at (http:\/\/\S+?)\//.test(served.out)) {
      if (Date.now() > deadline) throw new Error(`serve did not start: ${served.err}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    origin = /Serving .* at (http:\/\/\S+?)\//.exec(served.out)?.[1] ?? '';
  });

  afterAll(async () => {
    stop();
    expect(await exit).toBe(0);
  });

  it('profile-graph query and /sparql give the same answer, page dates included', async () => {
    const io = ioAt();
    expect(await main(['query', PAGE_DATES, '--format', 'json'], io)).toBe(0);
    const local = JSON.parse(io.out) as SparqlJson;
    const reply = await fetch(`${origin}/sparql?query=${encodeURIComponent(PAGE_DATES)}`, {
      headers: { accept: 'application/sparql-results+json' },
    });
    expect(reply.status).toBe(200);
    const remote = (await reply.json()) as SparqlJson;
    expect(local.results.bindings).toEqual(remote.results.bindings);
    // Not an agreement on nothing: the ProfilePage has the date the history supplies.
    expect(local.results.bindings).toContainEqual({
      page: { type: 'uri', value: 'http://localhost:8080/' },
      modified: { type: 'literal', value: '2026-01-01', datatype: 'http://schema.org/Date' },
    });
  });

  it('convert --data writes the graph of the served dump', async () => {
    const io = ioAt();
    expect(await main(['convert', '--data', 'data', '--to', 'nquads'], io)).toBe(0);
    const reply = await fetch(`${origin}/dump`, { headers: { accept: 'application/n-quads' } });
    expect(reply.status).toBe(200);
    const documentLoader = createDocumentLoader();
    const read = (text: string) =>
      readRdf(text, {
        format: 'nquads',
        file: '-',
        baseUrl: 'http://localhost:8080/',
        documentLoader,
      });
    const [converted, dumped] = await Promise.all([read(io.out), read(await reply.text())]);
    expect(converted.diagnostics).toEqual([]);
    expect(dumped.quads.length).toBeGreaterThan(0);
    expect(isomorphic(converted.quads, dumped.quads)).toBe(true);
  });
});
