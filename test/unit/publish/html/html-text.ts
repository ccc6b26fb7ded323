/** Small helpers to read the pages this renderer writes (well-formed, attribute values quoted). */

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
};

/** Decodes the character references `escapeHtml` writes. */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/** The body's part of a page, or the whole fragment when it has no body. */
function bodyOf(page: string): string {
  const start = page.indexOf('<body>');
  return start === -1 ? page : page.slice(start);
}

/** The text of the body (or fragment) as a browser shows it: tags removed, whitespace collapsed. */
export function visibleText(page: string): string {
  const body = bodyOf(page);
  return decodeEntities(body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' '))
    .replace(/\s+([,.])/g, '$1')
    .trim();
}

/** Like {@link visibleText} but keeps inline tags from splitting words (`<time>` inside text). */
export function inlineText(fragment: string): string {
  return decodeEntities(
    fragment
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** Number of start tags named `name`. */
export function countTags(page: string, name: string): number {
  return [...page.matchAll(new RegExp(`<${name}[\\s>]`, 'g'))].length;
}

/** The decoded value of `attribute` on the first tag matching `tagPattern`. */
export function attributeOf(
  page: string,
  tagPattern: RegExp,
  attribute: string,
): string | undefined {
  const tag = tagPattern.exec(page)?.[0];
  if (tag === undefined) return undefined;
  const value = new RegExp(`\\s${attribute}="([^"]*)"`).exec(tag)?.[1];
  return value === undefined ? undefined : decodeEntities(value);
}

/** The content of `<meta property|name="key" content="…">`, decoded. */
export function metaContent(page: string, key: string): string | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return attributeOf(page, new RegExp(`<meta (?:property|name)="${escaped}"[^>]*>`), 'content');
}

/** Every `href` in the body, decoded. */
export function hrefs(page: string): string[] {
  return [...bodyOf(page).matchAll(/\shref="([^"]*)"/g)].map((match) =>
    decodeEntities(match[1] ?? ''),
  );
}

/** Every `id` attribute value, decoded. */
export function ids(page: string): string[] {
  return [...page.matchAll(/\sid="([^"]*)"/g)].map((match) => decodeEntities(match[1] ?? ''));
}

/** The raw text of the one JSON-LD script element. */
export function jsonLdScriptText(page: string): string {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page);
  if (!match) throw new Error('no JSON-LD script element');
  return match[1] ?? '';
}

/** The inner HTML of the element with the given id (up to its matching close tag name). */
export function elementById(page: string, id: string): string {
  const open = new RegExp(`<(\\w+)[^>]*\\sid="${id}"[^>]*>`).exec(page);
  if (!open) throw new Error(`no element #${id}`);
  const tag = open[1] ?? '';
  const start = open.index + open[0].length;
  return page.slice(start, page.indexOf(`</${tag}>`, start));
}

/** Heading levels in document order (`[1, 2, 3, 3, 2, …]`). */
export function headingLevels(page: string): number[] {
  return [...page.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
}
