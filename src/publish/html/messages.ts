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
