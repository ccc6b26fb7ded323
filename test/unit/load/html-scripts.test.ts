import { describe, expect, it } from 'vitest';
import { jsonLdOfPage, parsePageBytes } from '../../../src/load/html-scripts.js';
import { locate } from '../../../src/load/source-file.js';

const PAGE = `<!doctype html>
<html><head><title>A &amp; B</title>
<script>var s = "<script type='application/ld+json'>";</script>
<!-- <script type="application/ld+json">{"commented": 1}</script> -->
  <script type="application/ld+json">{"name": "A &amp; B", "x": "</scr"}</script>
</head><body><SCRIPT TYPE=" Application/LD+JSON ">
{"b": 2}
</SCRIPT><script type="application/json">{"not": "json-ld"}</script>
<script type="application/ld+json">{"c": 3}`;

describe('jsonLdOfPage', () => {
  it('reads the ld+json script bodies only, as raw text, into one array over the page', () => {
    const page = jsonLdOfPage(PAGE);
    expect(page.blocks).toBe(3);
    expect(JSON.parse(page.text)).toEqual([{ name: 'A &amp; B', x: '</scr' }, { b: 2 }, { c: 3 }]);
    // Every line keeps its length, so positions are the page's own.
    expect(page.text.split('\n').map((line) => line.length)).toEqual(
      PAGE.split('\n').map(
        (line, index, lines) => line.length + (index === lines.length - 1 ? 1 : 0),
      ),
    );
  });

  it('gives no blocks for a page without JSON-LD', () => {
    expect(jsonLdOfPage('<p>{"a": 1}</p><script>{"b": 2}</script>')).toEqual({
      text: '',
      blocks: 0,
    });
    expect(parsePageBytes('p.html', new TextEncoder().encode('<p></p>'))).toEqual({
      ok: false,
      diagnostics: [],
    });
  });

  it("locates each block's keys at the page's line and column", () => {
    const parsed = parsePageBytes('p.html', new TextEncoder().encode(PAGE));
    if (!parsed.ok) throw new Error('expected a source');
    // Counted by hand, not by the code under test: 36 + 23 characters precede "x" on line 5.
    expect(locate(parsed.source, '/0/x')).toEqual({ line: 5, column: 60 });
    expect(locate(parsed.source, '/1/b')).toEqual({ line: 7, column: 2 });
    expect(locate(parsed.source, '/2/c')).toEqual({ line: 9, column: 37 });
  });

  it('reports bytes that are not UTF-8 at their place', () => {
    const parsed = parsePageBytes('p.html', Uint8Array.from([0x3c, 0x70, 0x3e, 0xff]));
    expect(parsed).toMatchObject({ ok: false, diagnostics: [{ code: 'syntax/invalid-utf8' }] });
  });
});
