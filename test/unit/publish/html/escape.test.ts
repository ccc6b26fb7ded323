import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  joinHtml,
  markup,
  safeHref,
  unsafeRawHtml,
} from '../../../../src/publish/html/escape.js';

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"><img src=x onerror=alert(1)>', '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ["it's", 'it&#39;s'],
    ['AT&T &amp;', 'AT&amp;T &amp;amp;'],
    ['plain — text ✓', 'plain — text ✓'],
  ])('%s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('markup', () => {
  it('escapes strings in placeholders but keeps SafeHtml and joins arrays', () => {
    const name = '<b>bold</b>';
    const inner = markup`<em>${name}</em>`;
    expect(markup`<p title="${'"x"'}">${inner}${[1, ' & ', 2]}${undefined}${false}</p>`.value).toBe(
      '<p title="&quot;x&quot;"><em>&lt;b&gt;bold&lt;/b&gt;</em>1 &amp; 2</p>',
    );
  });

  it('joins with a separator that is itself markup', () => {
    expect(joinHtml(['a<', markup`<i>b</i>`], unsafeRawHtml(', ')).value).toBe('a&lt;, <i>b</i>');
  });
});

describe('safeHref', () => {
  it.each([
    ['https://github.com/apache/mxnet', 'https://github.com/apache/mxnet'],
    ['http://schema.org/LikeAction', 'http://schema.org/LikeAction'],
    ['mailto:someone@example.org', 'mailto:someone@example.org'],
    ['javascript:alert(1)', undefined],
    ['JaVaScRiPt:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['vbscript:msgbox', undefined],
    ['not a url', undefined],
  ])('%s', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });
});
