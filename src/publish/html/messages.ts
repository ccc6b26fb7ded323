/**
 * The interface text of every page, one catalogue per language. Pages never write English
 * literals: they take a {@link Messages} from {@link messagesFor} so that a site whose
 * `language` is `fr` reads in French, and a language we have no catalogue for falls back to
 * English rather than mixing two languages on one page.
 *
 * Keys are grouped by the page that uses them; the `Messages` type makes a missing
 * translation a compile error, so every catalogue stays complete.
 */
export interface Messages {
  // Shared page chrome (layout.ts).
  skipToContent: string;
  onThisPage: string;
  thisPageAs: string;
  // Profile page (render-profile.ts).
  // Entity pages (render-entity.ts).
}

const en: Messages = {
  skipToContent: 'Skip to content',
  onThisPage: 'On this page',
  thisPageAs: 'This page as',
};

const fr: Messages = {
  skipToContent: 'Aller au contenu',
  onThisPage: 'Sur cette page',
  thisPageAs: 'Cette page en',
};

const catalogues: Readonly<Record<string, Messages>> = { en, fr };

/** Languages with a complete catalogue, in the order `hreflang` alternates list them. */
export const CATALOGUE_LANGUAGES: readonly string[] = Object.keys(catalogues);

/**
 * The catalogue for a BCP 47 tag: exact match first (`fr`), then its primary subtag
 * (`fr-CA` → `fr`), then English.
 */
export function messagesFor(language: string): Messages {
  const tag = language.toLowerCase();
  return catalogues[tag] ?? catalogues[tag.split('-')[0] ?? ''] ?? en;
}
