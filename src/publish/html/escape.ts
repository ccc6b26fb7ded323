/**
 * HTML that is already safe to insert as is. Only {@link markup} and {@link unsafeRawHtml}
 * create it, so every other string that reaches a page goes through {@link escapeHtml}.
 */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/**
 * What {@link markup} accepts in a placeholder: strings and numbers (escaped), SafeHtml (as is),
 * arrays of these, and `undefined`, `null` or `false` (nothing, for optional parts).
 */
export type HtmlValue =
  SafeHtml | string | number | false | null | undefined | readonly HtmlValue[];

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for an HTML text node or a quoted attribute value (HTML §13.1.2.3, §13.1.3):
 * `&`, `<`, `>`, `"` and `'` become character references, so no value can open a tag, close an
 * attribute or start a character reference.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/**
 * Tagged template for HTML: every placeholder is escaped unless it is {@link SafeHtml};
 * arrays are concatenated; `undefined`, `null` and `false` render as nothing (for optional
 * parts). Attribute values must be written in double quotes.
 */
export function markup(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += toHtml(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Joins fragments (escaping strings) with an optional separator. */
export function joinHtml(values: readonly HtmlValue[], separator?: SafeHtml): SafeHtml {
  return new SafeHtml(values.map(toHtml).join(separator?.value ?? ''));
}

/** Marks markup this module produced itself (the stylesheet, escaped JSON) as safe. */
export function unsafeRawHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function toHtml(value: HtmlValue): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(toHtml).join('');
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/**
 * Returns `iri` if it may be used as a link target: http, https, mailto and tel only, so a data
 * value such as `javascript:…` or `data:…` never becomes a clickable link. Returns `undefined`
 * for anything else, including text that is not an absolute IRI.
 */
export function safeHref(iri: string): string | undefined {
  let scheme: string;
  try {
    scheme = new URL(iri).protocol;
  } catch {
    return undefined;
  }
  return SAFE_SCHEMES.has(scheme) ? iri : undefined;
}
