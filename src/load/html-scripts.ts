import { Parser } from 'htmlparser2';
import { hasMarkup, markupOfPage, type PageEvent } from './page-markup.js';
import { parseSourceFile, sourceFileOf, type JsonValue, type ParseResult } from './source-file.js';
import { decodeUtf8 } from './strict-json.js';

/** The JSON-LD of an HTML page, as one JSON text laid over the page (see {@link jsonLdOfPage}). */
export interface PageJsonLd {
  /** A JSON array of the page's blocks, every character at its place in the page. */
  text: string;
  /** How many `<script type="application/ld+json">` elements the page has. */
  blocks: number;
}

const JSON_LD = 'application/ld+json';

/**
 * Reads every `<script type="application/ld+json">` of an HTML page with a real HTML parser
 * (htmlparser2: comments, attributes, other scripts and CDATA are the parser's business, not a
 * regular expression's) and lays their bodies into one JSON array text of the page's length:
 * everything outside the bodies becomes spaces (line breaks kept), and `[`, `,` and `]` take the
 * places of the `<` of the first opening tag and of the closing tags. So a JSON position in the
 * text is the page's own line and column, and the page's blocks are one document, one graph, as
 * search engines read them.
 *
 * Script content is raw text (HTML §13.1.2.1): its characters are copied, never entity-decoded,
 * as a browser hands them to a JSON-LD processor. A block left open at the end of the page ends
 * there. Returns `blocks: 0` for a page without JSON-LD.
 */
export function jsonLdOfPage(html: string): PageJsonLd {
  return readPage(html, false).jsonLd;
}

/** What one parse of a page gives: its JSON-LD, and its events when it has Microdata or RDFa. */
interface PageRead {
  jsonLd: PageJsonLd;
  /** Every event of the parse (see `markupOfPage`), when a tag carries Microdata or RDFa. */
  events?: PageEvent[];
}

/**
 * {@link jsonLdOfPage}'s parse, which also keeps its events when `record` is set, so the
 * Microdata and RDFa parsers read the page without parsing it again. The events are kept only
 * for a page that turns out to carry Microdata or RDFa (see `hasMarkup`).
 */
function readPage(html: string, record: boolean): PageRead {
  const laid = new Uint16Array(html.length).fill(0x20);
  for (let index = 0; index < html.length; index++) {
    const unit = html.charCodeAt(index);
    if (unit === 0x0a || unit === 0x0d) laid[index] = unit;
  }
  // An object, not locals: the parser's callbacks change it, which narrowing cannot see.
  const state = { blocks: 0, inBlock: false, lastClose: -1, openAtEnd: false, markup: false };
  const events: PageEvent[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (record) {
          events.push({
            kind: 'open',
            name,
            attributes,
            start: parser.startIndex,
            end: parser.endIndex,
          });
          state.markup ||= hasMarkup(attributes);
        }
        if (name !== 'script' || attributes.type?.trim().toLowerCase() !== JSON_LD) return;
        state.inBlock = true;
        // The first block opens the array; each later one follows the comma its predecessor's
        // closing tag left.
        if (state.blocks === 0) laid[parser.startIndex] = 0x5b;
        state.blocks++;
      },
      ontext(text) {
        if (record) events.push({ kind: 'text', text });
        if (!state.inBlock) return;
        for (let offset = 0; offset < text.length; offset++)
          laid[parser.startIndex + offset] = text.charCodeAt(offset);
      },
      onclosetag(name, implied) {
        if (record) events.push({ kind: 'close' });
        if (name !== 'script' || !state.inBlock) return;
        state.inBlock = false;
        if (implied) {
          state.openAtEnd = true;
          return;
        }
        laid[parser.startIndex] = 0x2c;
        state.lastClose = parser.startIndex;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  const { blocks } = state;
  const recorded = state.markup ? { events } : {};
  if (blocks === 0) return { jsonLd: { text: '', blocks }, ...recorded };
  // The last closing tag closes the array instead; a block the page left open is closed after it.
  if (!state.openAtEnd) laid[state.lastClose] = 0x5d;
  const text = decodeUnits(laid);
  return { jsonLd: { text: state.openAtEnd ? `${text}]` : text, blocks }, ...recorded };
}

function decodeUnits(units: Uint16Array): string {
  let text = '';
  // In slices: String.fromCharCode takes its units as arguments, and the stack bounds those.
  for (let start = 0; start < units.length; start += 8192)
    text += String.fromCharCode(...units.subarray(start, start + 8192));
  return text;
}

/** Whether a file is read as an HTML page (by its name's ending, `.html` or `.htm`). */
export function isHtmlPage(file: string): boolean {
  return /\.html?$/i.test(file);
}

/**
 * Parses a page's bytes: the JSON-LD of its scripts (see {@link jsonLdOfPage}) as one source
 * file whose positions are the page's lines and columns, and its Microdata and RDFa (see
 * `markupOfPage`) as node objects after the blocks in the same array, anchored at their
 * elements: one document, one graph. Or a `syntax/invalid-utf8` error. A page without structured
 * data gives no source and no diagnostic: it has nothing to check.
 */
export function parsePageBytes(path: string, bytes: Uint8Array): ParseResult {
  const decoded = decodeUtf8(path, bytes);
  if (!decoded.ok) return { ok: false, diagnostics: [decoded.diagnostic] };
  const page = readPage(decoded.text, true);
  const { blocks } = page.jsonLd;
  const markup = page.events && markupOfPage(path, decoded.text, page.events, blocks);
  if (markup === undefined)
    return blocks === 0 ? { ok: false, diagnostics: [] } : parseSourceFile(path, page.jsonLd.text);
  const parsed = blocks === 0 ? undefined : parseSourceFile(path, page.jsonLd.text);
  if (parsed?.ok === false)
    return { ok: false, diagnostics: [...parsed.diagnostics, ...markup.diagnostics] };
  const diagnostics = [...(parsed?.diagnostics ?? []), ...markup.diagnostics];
  if (markup.nodes.length === 0)
    return parsed ? { ...parsed, diagnostics } : { ok: false, diagnostics };
  const json: JsonValue = [
    ...(Array.isArray(parsed?.source.json) ? parsed.source.json : []),
    ...markup.nodes,
  ];
  return {
    ok: true,
    source: sourceFileOf(path, parsed?.source.text ?? '', json, markup.anchors),
    diagnostics,
  };
}
