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
  // Entity pages (render-entity.ts). Templates put the value where `{}` stands.
  /** A relation without a phrase below: `{label}` is the property's label. */
  relationFallback: string;
  /** Relations as sentences, by schema.org local name: `isPartOf` → `Part of {}`. */
  relations: Readonly<Record<string, string>>;
  /** A relation seen from its object: `maintainer` on this page's subject → `Maintains {}`. */
  inverseRelations: Readonly<Record<string, string>>;
  /** An inverse relation without a phrase: `{label}` is the property's label. */
  inverseRelationFallback: string;
  /** A start and an end date together. */
  period: string;
  /** The last item of a list (`A, B and C`). */
  listAnd: string;
  /** A Role's node beside the node that holds it: `GluonNLP (Founder)`. */
  roleHeldIn: string;
  /** The heading of the nodes on other pages that point at this one. */
  referencedBy: string;
  /** The footer's link home: `{}` is the site's name. */
  backTo: string;
  /** The link that opens the query page with this entity's DESCRIBE. */
  queryThis: string;
  /** The label of the list of an entity's types. */
  types: string;
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
  // Entity pages.
  relationFallback: '{label}: {}',
  relations: {
    about: 'About {}',
    alternateName: 'Also known as {}',
    alumni: 'Alumni: {}',
    alumniOf: 'Studied at {}',
    author: 'By {}',
    codeRepository: 'Source code at {}',
    contributor: 'With contributions from {}',
    creator: 'Created by {}',
    credentialCategory: 'Category: {}',
    datePublished: 'Published {}',
    endDate: 'Until {}',
    hasCredential: 'Holds {}',
    hasPart: 'Includes {}',
    inLanguage: 'In {}',
    isBasedOn: 'Based on {}',
    isPartOf: 'Part of {}',
    jobTitle: 'Job title: {}',
    knowsAbout: 'Knows about {}',
    mainEntity: 'About {}',
    maintainer: 'Maintained by {}',
    member: 'Members: {}',
    memberOf: 'Member of {}',
    parentOrganization: 'Part of {}',
    publication: 'Published at {}',
    recognizedBy: 'Recognized by {}',
    roleName: 'Role: {}',
    sameAs: 'Also at {}',
    sourceOrganization: 'On behalf of {}',
    startDate: 'Since {}',
    subOrganization: 'Includes {}',
    subjectOf: 'Discussed in {}',
    url: 'Website: {}',
    worksFor: 'Works for {}',
  },
  inverseRelations: {
    about: 'Discussed in {}',
    alumni: 'Studied at {}',
    alumniOf: 'Alumni: {}',
    author: 'Author of {}',
    contributor: 'Contributed to {}',
    creator: 'Creator of {}',
    hasCredential: 'Held by {}',
    hasPart: 'Part of {}',
    isBasedOn: 'Basis of {}',
    isPartOf: 'Includes {}',
    mainEntity: 'Main subject of {}',
    maintainer: 'Maintainer of {}',
    member: 'Member of {}',
    memberOf: 'Members: {}',
    parentOrganization: 'Includes {}',
    recognizedBy: 'Recognizes {}',
    sourceOrganization: 'Work done on its behalf: {}',
    subOrganization: 'Part of {}',
    subjectOf: 'About {}',
    worksFor: 'Employs {}',
  },
  inverseRelationFallback: 'Linked from {} ({label})',
  period: 'From {start} to {end}',
  listAnd: 'and',
  roleHeldIn: '{holder} ({role})',
  referencedBy: 'Elsewhere on this site',
  backTo: 'Back to {}',
  queryThis: 'Query this in SPARQL',
  types: 'Types',
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
  // Entity pages.
  relationFallback: '{label} : {}',
  relations: {
    about: 'À propos de {}',
    alternateName: 'Aussi appelé {}',
    alumni: 'Anciens élèves : {}',
    alumniOf: 'A étudié à {}',
    author: 'Par {}',
    codeRepository: 'Code source sur {}',
    contributor: 'Avec les contributions de {}',
    creator: 'Créé par {}',
    credentialCategory: 'Catégorie : {}',
    datePublished: 'Publié en {}',
    endDate: 'Jusqu’en {}',
    hasCredential: 'Titulaire de {}',
    hasPart: 'Comprend {}',
    inLanguage: 'En {}',
    isBasedOn: 'Fondé sur {}',
    isPartOf: 'Fait partie de {}',
    jobTitle: 'Poste : {}',
    knowsAbout: 'Connaît {}',
    mainEntity: 'À propos de {}',
    maintainer: 'Maintenu par {}',
    member: 'Membres : {}',
    memberOf: 'Membre de {}',
    parentOrganization: 'Fait partie de {}',
    publication: 'Publié à {}',
    recognizedBy: 'Reconnu par {}',
    roleName: 'Rôle : {}',
    sameAs: 'Aussi sur {}',
    sourceOrganization: 'Pour le compte de {}',
    startDate: 'Depuis {}',
    subOrganization: 'Comprend {}',
    subjectOf: 'Traité dans {}',
    url: 'Site web : {}',
    worksFor: 'Travaille pour {}',
  },
  inverseRelations: {
    about: 'Traité dans {}',
    alumni: 'A étudié à {}',
    alumniOf: 'Anciens élèves : {}',
    author: 'Auteur de {}',
    contributor: 'A contribué à {}',
    creator: 'Créateur de {}',
    hasCredential: 'Détenu par {}',
    hasPart: 'Fait partie de {}',
    isBasedOn: 'Base de {}',
    isPartOf: 'Comprend {}',
    mainEntity: 'Sujet principal de {}',
    maintainer: 'Mainteneur de {}',
    member: 'Membre de {}',
    memberOf: 'Membres : {}',
    parentOrganization: 'Comprend {}',
    recognizedBy: 'Reconnaît {}',
    sourceOrganization: 'Travaux pour son compte : {}',
    subOrganization: 'Fait partie de {}',
    subjectOf: 'À propos de {}',
    worksFor: 'Emploie {}',
  },
  inverseRelationFallback: 'Lié depuis {} ({label})',
  period: 'De {start} à {end}',
  listAnd: 'et',
  roleHeldIn: '{holder} ({role})',
  referencedBy: 'Ailleurs sur ce site',
  backTo: 'Retour à {}',
  queryThis: 'Interroger en SPARQL',
  types: 'Types',
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
