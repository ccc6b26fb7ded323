import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { literal, namedNode, quad, type Quad } from '../../../src/rdf/data-factory.js';
import type { DocumentLoader } from '../../../src/rdf/document-loader.js';
import { QuadIndex } from '../../../src/rdf/quad-index.js';
import {
  ReadDigests,
  RecordingSource,
  renderInputsKey,
  type RenderInputs,
} from '../../../src/publish/render-inputs.js';
import {
  isDeferred,
  publishSite,
  renderResource,
  type Resource,
  type Site,
} from '../../../src/publish/site.js';
import { BASE_URL, loadBundledDataset } from '../../support/profile.js';

const SCHEMA = 'http://schema.org/';

/** A Site that records its documents' render inputs, HTML and JSON-LD only (fast to render). */
function publish(quads: readonly Quad[], documentLoader: DocumentLoader): Promise<Site> {
  return publishSite({
    config: { ...DEFAULT_CONFIG, baseUrl: BASE_URL },
    quads,
    shapes: [],
    documentLoader,
    lastModified: new Date('2024-05-01T00:00:00Z'),
    renderOnDemand: { maxBytes: 1 << 30 },
    precompress: false,
    formats: [],
    jsonLdForms: false,
    recordRenderInputs: true,
  });
}

/** Every representation's bytes, in order. */
function bytesOf(resource: Resource): string[] {
  return resource.representations.map(
    (representation) =>
      `${representation.contentLocation}\n${representation.variants.identity.body.toString('utf8')}`,
  );
}

describe('RecordingSource', () => {
  const a = namedNode('http://example.org/a');
  const b = namedNode('http://example.org/b');
  const name = namedNode(`${SCHEMA}name`);
  const knows = namedNode(`${SCHEMA}knows`);
  const graph = new QuadIndex([quad(a, name, literal('A')), quad(a, knows, b)]);

  it('answers as the graph does and notes each read once, coarser than the pattern', () => {
    const recording = new RecordingSource(graph);
    expect(recording.getQuads(a, name, null, null)).toEqual(graph.getQuads(a, name, null, null));
    expect(recording.countQuads(null, knows, b, null)).toBe(1);
    recording.getQuads(a, name, literal('A'), null);
    recording.getQuads(null, name, literal('A'), null);
    expect(recording.reads).toEqual([
      `s\thttp://example.org/a\t${SCHEMA}name`,
      `o\thttp://example.org/b\t${SCHEMA}knows`,
      '*',
    ]);
  });

  it('keys a document by the answers to its reads, and refuses a string that is no read', () => {
    const document = { iri: 'http://example.org/a', path: '/a', subjects: [a.id], quads: 'q' };
    const reads = [`s\thttp://example.org/a\t${SCHEMA}name`];
    const key = renderInputsKey('settings', document, reads, new ReadDigests(graph));
    const other = new QuadIndex([quad(a, name, literal('B')), quad(a, knows, b)]);
    const knowsOther = new QuadIndex([quad(a, name, literal('A')), quad(a, knows, a)]);
    expect(renderInputsKey('settings', document, reads, new ReadDigests(other))).not.toBe(key);
    // A triple the page did not read leaves the key as it was.
    expect(renderInputsKey('settings', document, reads, new ReadDigests(knowsOther))).toBe(key);
    expect(renderInputsKey('other settings', document, reads, new ReadDigests(graph))).not.toBe(
      key,
    );
    expect(renderInputsKey('settings', document, ['s a'], new ReadDigests(graph))).toBeUndefined();
  });
});

/**
 * The claim the build manifest rests on: a document whose key, worked out on an edited graph
 * from the reads of its earlier rendering, is the earlier key renders to the same bytes. Checked
 * on the bundled profile for every edit of one triple: each removed, and each literal changed.
 */
describe('render keys on the bundled profile', { timeout: 300_000 }, () => {
  let quads: Quad[];
  let documentLoader: DocumentLoader;
  const before = new Map<string, { inputs: RenderInputs; bytes: string[] }>();

  beforeAll(async () => {
    ({ quads, documentLoader } = await loadBundledDataset());
    const site = await publish(quads, documentLoader);
    for (const document of site.documents) {
      const entry = site.resources.get(document.path);
      if (entry === undefined) throw new Error(`no resource at ${document.path}`);
      const resource = await renderResource(entry);
      if (resource.inputs === undefined) throw new Error(`no inputs for ${document.path}`);
      before.set(document.path, { inputs: resource.inputs, bytes: bytesOf(resource) });
    }
  });

  it('records a key for every document, from reads of its neighbours too', () => {
    expect(before.size).toBe(25);
    const reads = before.get('/people/sheng-zha')?.inputs.reads ?? [];
    expect(reads.some((read) => read.startsWith(`s\t${BASE_URL}organizations/`))).toBe(true);
  });

  const edits = (): [string, Quad[]][] => [
    ...quads.map((removed, index): [string, Quad[]] => [
      `without triple ${String(index)}`,
      quads.filter((each) => each !== removed),
    ]),
    ...quads.flatMap((changed, index): [string, Quad[]][] =>
      changed.object.termType === 'Literal'
        ? [
            [
              `triple ${String(index)} with another value`,
              quads.map((each) =>
                each === changed
                  ? quad(each.subject, each.predicate, literal(`${each.object.value} (edited)`))
                  : each,
              ),
            ],
          ]
        : [],
    ),
  ];

  it('an unchanged key always means unchanged bytes, after every one-triple edit', async () => {
    let unchanged = 0;
    let changed = 0;
    for (const [edit, edited] of edits()) {
      const site = await publish(edited, documentLoader);
      for (const document of site.documents) {
        const earlier = before.get(document.path);
        const entry = site.resources.get(document.path);
        if (earlier === undefined || entry === undefined || !isDeferred(entry)) continue;
        if (entry.inputsKey?.(earlier.inputs.reads) !== earlier.inputs.key) {
          changed++;
          continue;
        }
        unchanged++;
        const resource = await entry.render();
        expect(bytesOf(resource), `${document.path} ${edit}`).toEqual(earlier.bytes);
        // Rendered again, it reads what it read before and has the key it had.
        expect(resource.inputs?.key, `${document.path} ${edit}`).toBe(earlier.inputs.key);
      }
    }
    // Most edits leave most pages alone; every edit touches some page.
    expect(unchanged).toBeGreaterThan(changed);
    expect(changed).toBeGreaterThan(edits().length);
  });
});
