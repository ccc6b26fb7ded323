// What each entry point loads, seen from a fresh process: `profile-graph/embed` must stay free
// of the server, the SPARQL engines and the SHACL validator (issue #14: a page that embeds one
// <script> should not pay for them). The import times are the benchmark's job
// (`npm run bench -- --only imports`), not a test's.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeImport, type ImportProbe } from '../support/import-probe.js';
import { REPO_ROOT } from '../support/profile.js';

/** Packages of the server, the SPARQL engines, the SHACL validator and the query page. */
const HEAVY = /^(?:express|oxigraph|sparqljs|shacl-engine|@comunica\/.+|@zazuko\/.+|chokidar)$/;

const probe = (entry: string) =>
  probeImport(path.join(REPO_ROOT, 'src', `${entry}.ts`), {
    cwd: REPO_ROOT,
    nodeArgs: ['--import', 'tsx'],
  });

/** The social card's drawing packages: loaded when a card is drawn, never by an import. */
const CARD = /^(?:satori|@resvg\/.+|@fontsource\/.+|harfbuzzjs|yoga-.+)$/;

let embed: ImportProbe;
let root: ImportProbe;
let server: ImportProbe;
let validate: ImportProbe;
let card: ImportProbe;
beforeAll(async () => {
  [embed, root, server, validate, card] = await Promise.all([
    probe('embed'),
    probe('index'),
    probe('server'),
    probe('validate'),
    probeImport(path.join(REPO_ROOT, 'test', 'support', 'draw-card.ts'), {
      cwd: REPO_ROOT,
      nodeArgs: ['--import', 'tsx'],
    }),
  ]);
}, 180_000);

describe('import cost', () => {
  it('profile-graph/embed loads no npm package and only its own and the model files', () => {
    expect(embed.packages.filter((name) => HEAVY.test(name))).toEqual([]);
    expect(embed.packages).toEqual([]);
    const own = embed.files.map((file) => path.relative(path.join(REPO_ROOT, 'src'), file));
    expect(own.filter((file) => !/^(?:embed\.ts|embed\/|model\/)/.test(file))).toEqual([]);
  });

  it('sees what the root entry loads (express among it), so the check above can fail', () => {
    expect(root.packages).toEqual(expect.arrayContaining(['express', 'jsonld', 'n3']));
    expect(root.files.length).toBeGreaterThan(embed.files.length);
  });

  it("no entry point loads the social card's packages: they load when a card is drawn", () => {
    for (const probed of [embed, root, server, validate])
      expect(probed.packages.filter((name) => CARD.test(name))).toEqual([]);
    expect(card.packages).toEqual(expect.arrayContaining(['satori', '@resvg/resvg-js']));
  });

  it('profile-graph/server loads neither express nor a SPARQL engine', () => {
    expect(server.packages.filter((name) => HEAVY.test(name))).toEqual([]);
    expect(server.files.filter((file) => file.includes(`${path.sep}sparql${path.sep}`))).toEqual(
      [],
    );
  });

  it('no entry loads the Microdata and RDFa parsers; only a page with Microdata or RDFa does', async () => {
    const parsers = (files: readonly string[]) =>
      files.filter((file) => MARKUP_PARSERS.some((folder) => file.startsWith(folder)));
    expect(parsers(root.files)).toEqual([]);
    expect(parsers(server.files)).toEqual([]);
    // Validating data/ (and a page with only JSON-LD) leaves them unloaded; a Microdata page
    // loads them, so the first check can fail.
    const site = await mkdtemp(path.join(tmpdir(), 'pg-lazy-'));
    await writeFile(
      path.join(site, 'json-ld.html'),
      '<script type="application/ld+json">{"@context":"https://schema.org","@type":"WebSite","name":"A"}</script>',
    );
    await writeFile(
      path.join(site, 'microdata.html'),
      '<div itemscope itemtype="https://schema.org/WebSite"><span itemprop="name">A</span></div>',
    );
    const loaded = await runAndList([
      ['validate', 'data'],
      ['validate', path.join(site, 'json-ld.html')],
      ['validate', path.join(site, 'microdata.html')],
    ]);
    expect(loaded.map((files) => parsers(files).length > 0)).toEqual([false, false, true]);
  }, 120_000);
});

const MARKUP_PARSERS = ['microdata-rdf-streaming-parser', 'rdfa-streaming-parser'].map(
  (name) => path.join(REPO_ROOT, 'node_modules', name) + path.sep,
);

/**
 * Runs each command line through `main` in one fresh process, in order, and lists the CommonJS
 * files loaded after each (the parsers are CommonJS, required on first use).
 */
async function runAndList(commands: string[][]): Promise<string[][]> {
  const script = `
import { createRequire } from 'node:module';
import { main } from './src/cli/main.ts';
import { capturedIo } from './test/support/captured-io.ts';
const cache = createRequire(import.meta.url).cache;
const lists = [];
for (const argv of ${JSON.stringify(commands)}) {
  await main(argv, capturedIo());
  lists.push(Object.keys(cache));
}
process.stdout.write(JSON.stringify(lists));
`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: REPO_ROOT, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as string[][];
}
