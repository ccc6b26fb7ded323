import { HTML_FORMAT, RDF_FORMATS, type RdfFormatName } from '../rdf/formats.js';
import type { JsonLdProfile } from '../rdf/serialize.js';

/** Identifies one representation the server offers: `html` or an RDF format name. */
export type OfferId = 'html' | RdfFormatName;

/** One representation of every document, as content negotiation sees it. */
export interface Offer {
  readonly id: OfferId;
  /** Canonical media type (lower case), the one sent in `Content-Type`. */
  readonly mediaType: string;
  /**
   * Other media types (lower case) that select this offer when a client names them exactly.
   * Wildcards (`text/*`) match the canonical type only, because that is what the response says.
   */
  readonly aliases: readonly string[];
  /**
   * Generic media types that select this offer only as a last resort, when no other offer is
   * acceptable at all (`application/xml` and `text/xml` for RDF/XML: a client asking for "some
   * XML" more likely wants HTML, or anything else it listed, than RDF/XML).
   */
  readonly weakAliases: readonly string[];
  /** File extension without the dot, used by extension URLs (`/people/x.ttl`). */
  readonly extension: string;
  /** Whether the `Content-Type` carries `; charset=utf-8`. */
  readonly text: boolean;
  /** The full `Content-Type` value: the media type plus `; charset=utf-8` when {@link text}. */
  readonly contentType: string;
  /** Human-readable name, for HTML alternate links and error pages. */
  readonly label: string;
}

/**
 * The generic XML media types. RDF_FORMATS lists them as RDF/XML aliases (right for reading
 * files); for negotiation they are only a last resort, see {@link Offer.weakAliases}.
 */
const GENERIC_XML: readonly string[] = ['application/xml', 'text/xml'];

/** The `application/ld+json` `profile` IRIs of JSON-LD 1.1 §9.1 for the forms we serve. */
export const JSON_LD_PROFILE_IRIS: Readonly<Record<JsonLdProfile, string>> = {
  expanded: 'http://www.w3.org/ns/json-ld#expanded',
  compacted: 'http://www.w3.org/ns/json-ld#compacted',
  flattened: 'http://www.w3.org/ns/json-ld#flattened',
};

function offer(
  id: OfferId,
  mediaType: string,
  aliases: readonly string[],
  extension: string,
  text: boolean,
  label: string,
): Offer {
  return Object.freeze({
    id,
    mediaType,
    aliases: Object.freeze(aliases.filter((alias) => !GENERIC_XML.includes(alias))),
    weakAliases: Object.freeze(aliases.filter((alias) => GENERIC_XML.includes(alias))),
    extension,
    text,
    contentType: text ? `${mediaType}; charset=utf-8` : mediaType,
    label,
  });
}

/** The HTML page of a document; also answers `application/xhtml+xml` requests. */
export const HTML_OFFER: Offer = offer(
  'html',
  HTML_FORMAT.mediaType,
  HTML_FORMAT.aliases,
  HTML_FORMAT.extension,
  true,
  HTML_FORMAT.label,
);

/**
 * Every representation, in the server's order of preference among offers the client rates
 * equally: HTML first (so browsers, a bare wildcard and a missing Accept get the page), then the
 * RDF formats in RDF_FORMATS order. Only the text/* types carry `charset=utf-8` (RFC 9110
 * §8.3.2: old clients default text/* to US-ASCII); the application/* RDF types are UTF-8 by
 * registration (RFC 8259 §11 for JSON), as `publish` labels them too.
 */
export const OFFERS: readonly Offer[] = Object.freeze([
  HTML_OFFER,
  ...RDF_FORMATS.map((format) =>
    offer(
      format.name,
      format.mediaType,
      format.aliases,
      format.extension,
      format.mediaType.startsWith('text/'),
      format.label,
    ),
  ),
]);

const JSON_LD_CONTENT_TYPES: Readonly<Record<JsonLdProfile, string>> = {
  expanded: `application/ld+json; profile="${JSON_LD_PROFILE_IRIS.expanded}"`,
  compacted: `application/ld+json; profile="${JSON_LD_PROFILE_IRIS.compacted}"`,
  flattened: `application/ld+json; profile="${JSON_LD_PROFILE_IRIS.flattened}"`,
};

/**
 * The `Content-Type` for a response: the offer's {@link Offer.contentType}, or for JSON-LD with
 * a profile, `application/ld+json; profile="…"` naming the form sent (JSON-LD 1.1 §9.1).
 */
export function contentTypeFor(offer: Offer, jsonLdProfile?: JsonLdProfile): string {
  return offer.id === 'jsonld' && jsonLdProfile !== undefined
    ? JSON_LD_CONTENT_TYPES[jsonLdProfile]
    : offer.contentType;
}
