import { describe, expect, it } from 'vitest';
import { ProfileGraphError } from '../../../src/model/diagnostic.js';
import { escapeJsonForScript, jsonLdScript, jsonLdScriptParts } from '../../../src/embed/script.js';

describe('escapeJsonForScript', () => {
  const hostile = {
    name: '</script><script>alert(1)</script>',
    comment: '<!-- x --> & y',
    separators: 'line\u2028paragraph\u2029end',
    nested: ['</SCRIPT >', { '<key>': '&amp;' }],
  };
  const json = JSON.stringify(hostile, null, 2);
  const escaped = escapeJsonForScript(json);

  it('leaves no character that can end the script element or open a comment', () => {
    expect(escaped).not.toMatch(/[<>&\u2028\u2029]/);
    expect(escaped).toContain('\\u003c/script\\u003e');
    expect(escaped).toContain('\\u2028');
  });

  it('is still JSON with the same value', () => {
    expect(JSON.parse(escaped)).toEqual(hostile);
  });

  it('changes nothing else', () => {
    const benign = '{\n  "name": "Sheng Zha", "n": 20800\n}';
    expect(escapeJsonForScript(benign)).toBe(benign);
  });
});

const PERSON = {
  '@context': 'https://schema.org',
  '@type': 'Person',
  name: 'Ada </script><!-- Lovelace',
  '@id': 'https://example.org/#ada',
};

/** What a browser's HTML parser would hand to JSON.parse: the text up to the first `</script`. */
function scriptText(html: string): string {
  const open = html.indexOf('>') + 1;
  return html.slice(open, html.toLowerCase().indexOf('</script', open));
}

describe('jsonLdScript', () => {
  it('is one script element whose text parses back to the graph', () => {
    const html = jsonLdScript(PERSON);
    expect(html).toMatch(/^<script type="application\/ld\+json">[^<]*<\/script>$/);
    expect(JSON.parse(scriptText(html))).toEqual(PERSON);
  });

  it('writes @context, @id, @type first and the rest in code-unit order', () => {
    expect(jsonLdScript({ b: 1, '@type': 'Thing', a: { z: 1, '@id': 'x' }, '@context': 'c' })).toBe(
      '<script type="application/ld+json">{"@context":"c","@type":"Thing","a":{"@id":"x","z":1},"b":1}</script>',
    );
  });

  it('gives the same bytes for the same graph built in another key order', () => {
    const reordered = Object.fromEntries(Object.entries(PERSON).reverse());
    expect(jsonLdScript(reordered)).toBe(jsonLdScript(PERSON));
  });

  it('escapes the id and nonce attributes and indents on request', () => {
    expect(jsonLdScript({ a: 1 }, { id: 'x"><b', nonce: 'n&1', space: 1 })).toBe(
      '<script type="application/ld+json" id="x&quot;&gt;&lt;b" nonce="n&amp;1">{\n "a": 1\n}</script>',
    );
  });

  it.each([
    [
      'a cycle',
      () => {
        const node: Record<string, unknown> = { '@type': 'Thing' };
        node.self = node;
        return node;
      },
      '/self',
    ],
    ['a BigInt', () => ({ n: [1, 2n] }), '/n/1'],
    ['an infinite number', () => ({ 'a/b': Infinity }), '/a~1b'],
  ])('refuses %s with embed/not-json at its pointer', (_name, make, pointer) => {
    let thrown: unknown;
    try {
      jsonLdScript(make());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProfileGraphError);
    expect((thrown as ProfileGraphError).diagnostics).toEqual([
      expect.objectContaining({ code: 'embed/not-json', severity: 'error', pointer }),
    ]);
  });
});

describe('jsonLdScriptParts', () => {
  it('gives the attributes and the escaped text jsonLdScript writes', () => {
    const parts = jsonLdScriptParts(PERSON, { nonce: 'abc' });
    expect(parts.attributes).toEqual({ type: 'application/ld+json', nonce: 'abc' });
    expect(parts.text).not.toMatch(/[<>&]/);
    expect(jsonLdScript(PERSON, { nonce: 'abc' })).toBe(
      `<script type="application/ld+json" nonce="abc">${parts.text}</script>`,
    );
  });
});
