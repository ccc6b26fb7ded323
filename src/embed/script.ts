import { stringifyJsonLd } from './json.js';

const SCRIPT_JSON_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * Makes JSON text safe inside `<script type="application/ld+json">`: the script data state
 * (HTML §13.2.5.4) ends at `</script` and changes state at `<!--`, and entities are not decoded
 * there, so `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026` (U+2028/U+2029 too, for
 * consumers that treat the text as JavaScript). These characters can only occur inside JSON
 * strings, where the escapes mean the same characters, so the text still parses to the same
 * value (RFC 8259 §7).
 */
export function escapeJsonForScript(json: string): string {
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (character) => SCRIPT_JSON_ESCAPES[character] ?? character,
  );
}

/** Options for {@link jsonLdScript} and {@link jsonLdScriptParts}. */
export interface JsonLdScriptOptions {
  /** The element's `id` attribute. */
  id?: string;
  /** A Content-Security-Policy nonce for the element (CSP Level 3 §6.7.2.3). */
  nonce?: string;
  /** Indentation of the JSON (spaces); none by default, so the page carries no extra bytes. */
  space?: number;
}

/** The attributes of the script element, for frameworks that build elements from props. */
export interface JsonLdScriptAttributes {
  type: 'application/ld+json';
  id?: string;
  nonce?: string;
}

/** A script element as its parts: spread `attributes` onto the element and put `text` inside. */
export interface JsonLdScriptParts {
  attributes: JsonLdScriptAttributes;
  /**
   * The JSON, already escaped for a script element: insert it as raw HTML (React's
   * `dangerouslySetInnerHTML={{ __html: text }}`, Astro's `set:html`, Vue's `innerHTML`),
   * never as a text child the framework escapes again.
   */
  text: string;
}

/**
 * The JSON-LD script element as attributes and text, for JSX and component frameworks. The JSON
 * has its keys in a fixed order ({@link stringifyJsonLd}) and is escaped with
 * {@link escapeJsonForScript}, so the same graph always gives the same bytes and no string in
 * it can end the element.
 *
 * Throws `ProfileGraphError` (`embed/not-json`) for a value JSON cannot hold (a cycle, a BigInt).
 */
export function jsonLdScriptParts(
  graph: object,
  options: JsonLdScriptOptions = {},
): JsonLdScriptParts {
  const attributes: JsonLdScriptAttributes = { type: 'application/ld+json' };
  if (options.id !== undefined) attributes.id = options.id;
  if (options.nonce !== undefined) attributes.nonce = options.nonce;
  return { attributes, text: escapeJsonForScript(stringifyJsonLd(graph, options.space)) };
}

/**
 * `<script type="application/ld+json">…</script>` for `graph`, ready to put in a page's HTML:
 * see {@link jsonLdScriptParts} for the JSON's order and escaping. Attribute values are
 * escaped for a double-quoted attribute (HTML §13.1.2.3).
 *
 * Throws `ProfileGraphError` (`embed/not-json`) for a value JSON cannot hold (a cycle, a BigInt).
 */
export function jsonLdScript(graph: object, options: JsonLdScriptOptions = {}): string {
  const { attributes, text } = jsonLdScriptParts(graph, options);
  const written = (['type', 'id', 'nonce'] as const)
    .map((name) => {
      const value = attributes[name];
      return value === undefined ? '' : ` ${name}="${escapeAttribute(value)}"`;
    })
    .join('');
  return `<script${written}>${text}</script>`;
}

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '"': '&quot;',
  '<': '&lt;',
  '>': '&gt;',
};

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (character) => ATTRIBUTE_ESCAPES[character] ?? character);
}
