/** Words kept in capitals when a local name is humanised. */
const ACRONYMS: Readonly<Record<string, string>> = {
  url: 'URL',
  isbn: 'ISBN',
  issn: 'ISSN',
  doi: 'DOI',
  iri: 'IRI',
  id: 'ID',
};

/**
 * Turns a camelCase local name into words for people: `parentOrganization` → `Parent
 * organization`, `EmployeeRole` → `Employee role`, `codeRepository` → `Code repository`, `url` →
 * `URL`. Runs of capitals stay together (`ISBN`). Returns the input when it has no letters.
 */
export function humanize(localName: string): string {
  const words = localName
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((word) => word !== '');
  if (words.length === 0) return localName;
  return words
    .map((word, index) => {
      const known = ACRONYMS[word.toLowerCase()];
      if (known) return known;
      const lower = word.length > 1 && /^[A-Z0-9]+$/.test(word) ? word : word.toLowerCase();
      return index === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ');
}

/** The part of an IRI after its last `#` or `/` (`http://schema.org/worksFor` → `worksFor`). */
export function localName(iri: string): string {
  const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
  const name = iri.slice(cut + 1);
  return name === '' ? iri : name;
}

/**
 * Formats a count the way code hosts show stars: below 1000 as is, then one decimal with `k`
 * (20800 → `20.8k`, 2500 → `2.5k`) or `M`, dropping a trailing `.0` (1000 → `1k`). Returns
 * non-finite or negative input unchanged as text.
 */
export function formatCount(count: number, language = 'en'): string {
  if (!Number.isFinite(count) || count < 0) return String(count);
  // English keeps the code hosts' lower-case `k`; other languages get their own compact form
  // (`20,8 k` in French) from ICU.
  const locale = otherLocale(language);
  if (locale !== undefined) {
    return new Intl.NumberFormat(locale, {
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(count);
  }
  if (count < 1000) return String(count);
  const thousands = Math.round(count / 100) / 10;
  if (thousands < 1000) return `${trimZero(thousands.toFixed(1))}k`;
  return `${trimZero((Math.round(count / 100_000) / 10).toFixed(1))}M`;
}

/**
 * The canonical locale of a language other than English, for Intl; `undefined` for English and
 * for a tag Intl rejects (a configured `language` is text: it must not throw a RangeError).
 */
function otherLocale(language: string): string | undefined {
  try {
    const [locale] = Intl.getCanonicalLocales(language);
    return locale === undefined || locale.toLowerCase().startsWith('en') ? undefined : locale;
  } catch {
    return undefined;
  }
}

function trimZero(decimal: string): string {
  return decimal.endsWith('.0') ? decimal.slice(0, -2) : decimal;
}

/** `20.8k stars`, `1 star`: a star count for a repository. */
export function formatStars(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'star' : 'stars'}`;
}

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * Whether `value` may stand in `<time datetime>` as written: a year, year-month, date or date
 * and time (HTML §4.5.14 accepts each of these forms).
 */
export function isMachineDate(value: string): boolean {
  return ISO_DATE.test(value) && !/^0+$/.test(value.slice(0, 4));
}

/**
 * A date for a CV line: years stay years (`2024`), months and days read as `May 2018` (a CV is
 * month-precise). Anything that is not an ISO 8601 date is returned as written.
 */
export function formatDate(value: string, language = 'en'): string {
  const match = ISO_DATE.exec(value);
  if (!match) return value;
  const [, year, month] = match;
  const name = month === undefined ? undefined : MONTHS[Number(month) - 1];
  if (name === undefined) return year ?? value;
  const locale = otherLocale(language);
  if (locale === undefined) return `${name} ${year ?? ''}`;
  // ICU's month names for other languages (`mai 2018`); UTC so the day never shifts.
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(Number(year), Number(month) - 1, 1)));
}

/** Splits text into paragraphs on blank lines, trimming each and dropping empty ones. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}

/** Case-insensitive comparison for sorting labels, with a code-point tie-break so it is total. */
export function compareText(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  if (left !== right) return left < right ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
