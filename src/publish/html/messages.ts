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
  /** Section titles, and the shorter label the navigation bar uses where one exists. */
  sections: {
    about: string;
    experience: string;
    projects: string;
    projectsShort: string;
    memberships: string;
    membershipsShort: string;
    education: string;
    publications: string;
    expertise: string;
  };
  /** Between a job title and the employer: "Head of X *at* Amazon". */
  atEmployer: string;
  /** The `<summary>` that opens the long About text. */
  readMore: string;
  /** Accessible name of the list of profile links. */
  profileLinks: string;
  /** Alternative text of the person's photo. */
  photoOf: (name: string) => string;
  /** How the person is credited on a work, by the property that credits them. */
  credits: { author: string; creator: string; maintainer: string; contributor: string };
  partOf: string;
  /** Before the works a publication is about. */
  publicationAbout: string;
  /** Before the works a membership looked after, shown under that membership. */
  works: string;
  /** A cross-reference to where an item is listed instead of repeating it. */
  listedUnder: (section: string) => string;
  /** `20.8k stars`: the count is already formatted for the language. */
  stars: (formattedCount: string, count: number) => string;
  /** The end of an ongoing period: "2024 – present". */
  present: string;
  /** A period with an end only: "until 2015". */
  until: (date: string) => string;
  linkedDataRecord: string;
  /** `hreflang` alternates in the footer: "This page in". */
  otherLanguages: string;
  // Entity pages (render-entity.ts).
}

const en: Messages = {
  skipToContent: 'Skip to content',
  onThisPage: 'On this page',
  thisPageAs: 'This page as',
  sections: {
    about: 'About',
    experience: 'Experience',
    projects: 'Projects & open source',
    projectsShort: 'Projects',
    memberships: 'Memberships & service',
    membershipsShort: 'Service',
    education: 'Education',
    publications: 'Publications',
    expertise: 'Expertise',
  },
  atEmployer: 'at',
  readMore: 'Read more',
  profileLinks: 'Profiles and contact',
  photoOf: (name) => `Photo of ${name}`,
  credits: {
    author: 'Author',
    creator: 'Creator',
    maintainer: 'Maintainer',
    contributor: 'Contributor',
  },
  partOf: 'Part of',
  publicationAbout: 'About',
  works: 'Works:',
  listedUnder: (section) => `listed under ${section}`,
  stars: (formatted, count) => `${formatted} ${count === 1 ? 'star' : 'stars'}`,
  present: 'present',
  until: (date) => `until ${date}`,
  linkedDataRecord: 'Linked data record:',
  otherLanguages: 'This page in',
};

const fr: Messages = {
  skipToContent: 'Aller au contenu',
  onThisPage: 'Sur cette page',
  thisPageAs: 'Cette page en',
  sections: {
    about: 'À propos',
    experience: 'Expérience',
    projects: 'Projets et logiciels libres',
    projectsShort: 'Projets',
    memberships: 'Adhésions et engagements',
    membershipsShort: 'Engagements',
    education: 'Formation',
    publications: 'Publications',
    expertise: 'Compétences',
  },
  atEmployer: 'chez',
  readMore: 'Lire la suite',
  profileLinks: 'Profils et contact',
  photoOf: (name) => `Photo de ${name}`,
  credits: {
    author: 'Auteur',
    creator: 'Créateur',
    maintainer: 'Mainteneur',
    contributor: 'Contributeur',
  },
  partOf: 'Fait partie de',
  publicationAbout: 'Sur',
  works: 'Travaux :',
  listedUnder: (section) => `voir ${section}`,
  stars: (formatted, count) => `${formatted} ${count < 2 ? 'étoile' : 'étoiles'}`,
  present: 'aujourd’hui',
  until: (date) => `jusqu’en ${date}`,
  linkedDataRecord: 'Notice en données liées :',
  otherLanguages: 'Cette page en',
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
