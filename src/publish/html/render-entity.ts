import type { QuadSource } from '../../rdf/quad-index.js';
import { namedNode, NS, RDF_TYPE, type Quad } from '../../rdf/data-factory.js';
import { joinHtml, markup, safeHref, type SafeHtml } from './escape.js';
import {
  createLabeller,
  DEFAULT_LABEL_PROPERTIES,
  expandLabelProperty,
  type Labeller,
} from './entity-labels.js';
import { pickLiteral } from './pick-language.js';
import { compareText, formatCount, isMachineDate, localName, splitParagraphs } from './format.js';
import { compareTerms, isRoleNode, quadsAbout, schema, typesOf, type GraphNode } from './graph.js';
import { renderLink, type NavItem, type PageParts } from './layout.js';
import { displayUrl, documentOf, sitePath, siteRoot, type Link } from './links.js';
import { messagesFor, type Messages } from './messages.js';
import type { PageInput } from './page-input.js';

/** Properties shown first, in this order; the rest follow by label. */
const LEADING_PROPERTIES = [
  'name',
  'alternateName',
  'roleName',
  'startDate',
  'endDate',
  'isPartOf',
  'parentOrganization',
].map(schema);

/** Datatypes whose values are dates or times (shown as `<time>` when machine-readable). */
const DATE_TYPES = new Set([
  schema('Date'),
  schema('DateTime'),
  `${NS.xsd}date`,
  `${NS.xsd}dateTime`,
  `${NS.xsd}gYear`,
  `${NS.xsd}gYearMonth`,
]);

/** Types whose pages are Open Graph `article`s rather than `website`s. */
const ARTICLE_TYPES = new Set(
  [
    'CreativeWork',
    'Article',
    'ScholarlyArticle',
    'TechArticle',
    'NewsArticle',
    'BlogPosting',
    'Report',
    'SoftwareSourceCode',
    'SoftwareApplication',
    'Book',
    'Thesis',
    'Dataset',
    'Course',
    'Event',
  ].map(schema),
);

const DESCRIPTION = schema('description');
const START_DATE = schema('startDate');
const END_DATE = schema('endDate');
const INTERACTION_STATISTIC = schema('interactionStatistic');
const LIKE_ACTION = schema('LikeAction');

/** How deep blank nodes are rendered inline (profiles nest one or two levels). */
const MAX_NESTING = 6;

/** Section id of the back links (a subject whose fragment is `referenced-by` would clash). */
const REFERENCED_BY_ID = 'referenced-by';

/** What every part of one entity page reads from. */
interface Context {
  graph: QuadSource;
  baseUrl: string;
  labels: Labeller;
  messages: Messages;
  language: string;
  queryPage: string | undefined;
}

/** The default label predicates as IRIs (every entry of the default list expands). */
const DEFAULT_LABEL_IRIS = DEFAULT_LABEL_PROPERTIES.map((entry) =>
  expandLabelProperty(entry),
).filter((iri): iri is string => iri !== undefined);

/**
 * The generic layout: one block per subject (types, its name as the heading, its description,
 * then each relation as a sentence in the site's language: "Part of Apache MXNet",
 * "Maintained by Sheng Zha", "★ 20.8k GitHub stars"), then the nodes on other pages that point
 * at these subjects, phrased from this side ("Includes AWS"). Every IRI inside the site becomes a
 * root-relative link.
 */
export function renderEntityParts(input: PageInput): PageParts {
  const { graph } = input;
  const baseUrl = input.site.baseUrl;
  const messages = messagesFor(input.site.language);
  const labels = createLabeller(graph, {
    properties: input.labelProperties ?? DEFAULT_LABEL_IRIS,
    language: input.site.language,
    baseUrl,
  });
  const context: Context = {
    graph,
    baseUrl,
    labels,
    messages,
    language: input.site.language,
    queryPage: input.queryPage,
  };
  const [first, ...rest] = input.subjects.length > 0 ? input.subjects : [input.documentIri];
  const subjects = [first ?? input.documentIri, ...[...rest].sort()].map((iri) => namedNode(iri));
  const main = subjects[0] ?? namedNode(input.documentIri);
  const mainName = labels.labelOf(main);
  const mainTypes = typesOf(graph, main);
  const typeLabel = mainTypes.map((type) => labels.termLabel(type)).join(', ');

  const blocks = subjects.map((subject, index) =>
    renderSubject(context, subject, index === 0 ? 'h1' : 'h2'),
  );
  const referrers = referrersOf(context, subjects, input.documentIri);
  const nav: NavItem[] = subjects.map((subject) => ({
    id: anchorOf(subject.value),
    label: labels.labelOf(subject),
  }));
  if (referrers) nav.push({ id: REFERENCED_BY_ID, label: messages.referencedBy });

  const description =
    labels.nameOf(main) === undefined ? undefined : descriptionOf(context, main)?.value;
  const meta: PageParts['meta'] = {
    title: `${mainName} — ${mainName === input.site.name && typeLabel !== '' ? typeLabel : input.site.name}`,
    description:
      description ??
      (typeLabel === ''
        ? `${mainName} · ${input.site.name}`
        : `${typeLabel}: ${mainName} · ${input.site.name}`),
    ogType: mainTypes.some((type) => ARTICLE_TYPES.has(type)) ? 'article' : 'website',
  };
  const home = sitePath(siteRoot(baseUrl), baseUrl) ?? '/';
  return {
    meta,
    header: markup`<a class="home" href="${home}">${input.site.name}</a>\n`,
    nav,
    main: markup`${blocks}${referrers ?? ''}`,
    // "Part of <site>" read as a relation of the entity ("Part of Sheng Zha" under an
    // organization); the footer only leads home.
    footerNote: fill(messages.backTo, { '': markup`<a href="${home}">${input.site.name}</a>` }),
  };
}

/** The description in the page's language (see `pickLiteral`). */
function descriptionOf(
  context: Context,
  node: GraphNode,
): { value: string; language: string } | undefined {
  const literals = context.graph
    .getQuads(node, namedNode(DESCRIPTION), null, null)
    .map((q) => q.object)
    .filter((term) => term.termType === 'Literal');
  return pickLiteral(literals, context.language);
}

/** The element id for a subject: its decoded fragment, or `resource` for the document itself. */
function anchorOf(iri: string): string {
  const hash = iri.indexOf('#');
  if (hash === -1 || hash === iri.length - 1) return 'resource';
  const fragment = iri.slice(hash + 1);
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * Puts values into a catalogue template: `{}` (key `''`) and named slots such as `{label}`.
 * The template's own text is escaped; the values are HTML already.
 */
function fill(template: string, slots: Readonly<Record<string, SafeHtml>>): SafeHtml {
  const parts = template.split(/(\{[a-z]*\})/);
  return joinHtml(
    parts.map((part) => {
      const slot = /^\{([a-z]*)\}$/.exec(part)?.[1];
      return slot === undefined ? part : (slots[slot] ?? part);
    }),
  );
}

/** `A`, `A and B`, `A, B and C` in the page's language. */
function joinList(items: readonly SafeHtml[], messages: Messages): SafeHtml {
  if (items.length <= 1) return joinHtml(items);
  const head = items.slice(0, -1);
  return markup`${joinHtml(head, markup`, `)} ${messages.listAnd} ${items[items.length - 1]}`;
}

function renderSubject(context: Context, subject: Quad['subject'], level: 'h1' | 'h2'): SafeHtml {
  const { labels } = context;
  const named = labels.nameOf(subject);
  const name = labels.labelOf(subject);
  const heading = level === 'h1' ? markup`<h1>${name}</h1>` : markup`<h2>${name}</h2>`;
  const types = renderTypes(context, typesOf(context.graph, subject));
  const description = descriptionOf(context, subject);
  const lead =
    description === undefined
      ? ''
      : markup`<div class="lead"${description.language === '' ? '' : markup` lang="${description.language}"`}>${splitParagraphs(
          description.value,
        ).map((paragraph) => markup`<p>${paragraph}</p>`)}</div>\n`;
  // The heading already says the name: only other names remain as sentences.
  const skip = new Set([RDF_TYPE, DESCRIPTION, ...(named ? [named.predicate] : [])]);
  const query =
    context.queryPage === undefined || level !== 'h1'
      ? ''
      : markup`<p class="query-this"><a href="${`${context.queryPage}#query=${encodeURIComponent(`DESCRIBE <${subject.value}>`)}`}">${context.messages.queryThis}</a></p>\n`;
  const body = markup`<header class="entity-head">
${types}${heading}
</header>
${lead}${renderFacts(context, subject, skip, new Set())}${query}`;
  const id = anchorOf(subject.value);
  return level === 'h1'
    ? markup`<article class="entity" id="${id}">\n${body}</article>\n`
    : markup`<section class="entity" id="${id}">\n${body}</section>\n`;
}

function renderTypes(context: Context, types: readonly string[]): SafeHtml | string {
  if (types.length === 0) return '';
  const items = types.map(
    (type) =>
      markup`<li>${renderLink({ label: context.labels.termLabel(type), ...hrefOrNothing(type) })}</li>`,
  );
  return markup`<ul class="types kicker" aria-label="${context.messages.types}">${items}</ul>\n`;
}

/** `{ href }` for a safe external IRI, `{}` otherwise (see `safeHref`). */
function hrefOrNothing(iri: string): { href?: string } {
  const href = safeHref(iri);
  return href === undefined ? {} : { href };
}

function compareProperties(context: Context, a: string, b: string): number {
  const leadA = LEADING_PROPERTIES.indexOf(a);
  const leadB = LEADING_PROPERTIES.indexOf(b);
  if (leadA !== -1 || leadB !== -1) {
    if (leadA === -1) return 1;
    if (leadB === -1) return -1;
    return leadA - leadB;
  }
  return compareText(context.labels.termLabel(a), context.labels.termLabel(b)) || compareText(a, b);
}

/** The sentence template of a property: the catalogue's phrase, else `{label}: {}`. */
function relationTemplate(context: Context, predicate: string): string {
  const phrase = predicate.startsWith(NS.schema)
    ? context.messages.relations[localName(predicate)]
    : undefined;
  // A name other than the heading's (another language's, another vocabulary's) is another name.
  if (phrase === undefined && context.labels.isLabelProperty(predicate)) {
    return context.messages.relations.alternateName ?? context.messages.relationFallback;
  }
  // The label goes in as text: `fill` escapes the whole template once.
  return (
    phrase ??
    context.messages.relationFallback.replace('{label}', () => context.labels.termLabel(predicate))
  );
}

/**
 * One sentence per property of `node` (but those in `skip`), values sorted for stable output:
 * "Maintained by Sheng Zha", "From 2016 to 2023". A blank node with properties of its own
 * follows its sentence as a nested list.
 */
function renderFacts(
  context: Context,
  node: Quad['subject'],
  skip: ReadonlySet<string>,
  visiting: ReadonlySet<string>,
): SafeHtml {
  const { graph, labels } = context;
  const byPredicate = new Map<string, Quad['object'][]>();
  for (const q of quadsAbout(graph, node)) {
    if (skip.has(q.predicate.value)) continue;
    const values = byPredicate.get(q.predicate.value) ?? [];
    values.push(q.object);
    byPredicate.set(q.predicate.value, values);
  }
  if (byPredicate.size === 0) return markup``;
  const nested = new Set([...visiting, node.value]);
  const items: SafeHtml[] = [];
  const start = byPredicate.get(START_DATE);
  const end = byPredicate.get(END_DATE);
  if (start?.length === 1 && end?.length === 1 && start[0] && end[0]) {
    items.push(
      markup`<li>${fill(context.messages.period, {
        start: renderValue(context, start[0], nested),
        end: renderValue(context, end[0], nested),
      })}</li>\n`,
    );
    byPredicate.delete(START_DATE);
    byPredicate.delete(END_DATE);
  }
  const predicates = [...byPredicate.keys()].sort((a, b) => compareProperties(context, a, b));
  for (const predicate of predicates) {
    const values = (byPredicate.get(predicate) ?? []).sort(
      (a, b) => compareText(valueLabel(context, a), valueLabel(context, b)) || compareTerms(a, b),
    );
    const counters =
      predicate === INTERACTION_STATISTIC ? values.map((value) => counterOf(context, value)) : [];
    if (counters.length > 0 && counters.every((counter) => counter !== undefined)) {
      items.push(...counters.map((counter) => markup`<li class="stat">${counter}</li>\n`));
      continue;
    }
    const template = relationTemplate(context, predicate);
    const simple = values.filter((value) => !hasOwnFacts(context, value));
    const complex = values.filter((value) => hasOwnFacts(context, value));
    if (simple.length > 0) {
      const rendered = simple.map((value) => renderRelated(context, predicate, value, nested));
      items.push(
        markup`<li>${fill(template, { '': joinList(rendered, context.messages) })}</li>\n`,
      );
    }
    for (const value of complex) {
      const inner =
        value.termType === 'BlankNode' && !visiting.has(value.value) && nested.size <= MAX_NESTING
          ? renderFacts(context, value, labelSkip(labels, value), nested)
          : markup``;
      items.push(
        markup`<li>${fill(template, { '': renderValue(context, value, nested) })}\n${inner}</li>\n`,
      );
    }
  }
  return markup`<ul class="facts">\n${items}</ul>\n`;
}

/** rdf:type and the predicate that names a blank node: what its label already says. */
function labelSkip(labels: Labeller, node: GraphNode): Set<string> {
  const named = labels.nameOf(node);
  return new Set([RDF_TYPE, ...(named ? [named.predicate] : [])]);
}

/** Whether a blank node says more than its type and name (then it gets a nested list). */
function hasOwnFacts(context: Context, node: Quad['object']): boolean {
  if (node.termType !== 'BlankNode') return false;
  const skip = labelSkip(context.labels, node);
  return context.graph.getQuads(node, null, null, null).some((q) => !skip.has(q.predicate.value));
}

/**
 * An InteractionCounter as the profile page shows stars: "★ 20.8k GitHub stars" (the star for
 * likes, the count as code hosts write it, then the counter's name or its interaction type).
 * `undefined` when the node is no counter with one integer count.
 */
function counterOf(context: Context, node: Quad['object']): SafeHtml | undefined {
  if (node.termType !== 'BlankNode' && node.termType !== 'NamedNode') return undefined;
  const { graph, labels } = context;
  const counts = graph.getQuads(node, namedNode(schema('userInteractionCount')), null, null);
  const count = counts.length === 1 ? Number(counts[0]?.object.value) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < 0) return undefined;
  const types = graph
    .getQuads(node, namedNode(schema('interactionType')), null, null)
    .map((q) => q.object.value)
    .sort();
  const name = labels.nameOf(node)?.label ?? types.map((type) => labels.termLabel(type)).join(', ');
  const star = types.includes(LIKE_ACTION)
    ? markup`<span class="icon" aria-hidden="true">★</span> `
    : '';
  return markup`${star}<data value="${count}">${formatCount(count)}</data> ${name}`;
}

/**
 * A value of `predicate`. A Role stands between a node and the value it qualifies (schema.org's
 * Role pattern: GluonNLP creator [Founder] creator Sheng Zha): the sentence names that value
 * and the role beside it, "Created by Sheng Zha (Founder)", not the role alone.
 */
function renderRelated(
  context: Context,
  predicate: string,
  value: Quad['object'],
  visiting: ReadonlySet<string>,
): SafeHtml {
  if (value.termType === 'Literal' || !isRoleNode(context.graph, value)) {
    return renderValue(context, value, visiting);
  }
  const targets = context.graph
    .getQuads(value, namedNode(predicate), null, null)
    .map((q) => q.object)
    .filter((target) => !target.equals(value))
    .sort(compareTerms);
  if (targets.length === 0) return renderValue(context, value, visiting);
  return fill(context.messages.roleHeldIn, {
    holder: joinList(
      targets.map((target) => renderValue(context, target, visiting)),
      context.messages,
    ),
    role: renderValue(context, value, visiting),
  });
}

function valueLabel(context: Context, term: Quad['object']): string {
  return term.termType === 'NamedNode' ? context.labels.labelOf(term) : term.value;
}

/** A link to a node of the site, labelled by its name. */
function siteLink(context: Context, node: GraphNode, path: string): Link {
  return { label: context.labels.labelOf(node), href: path };
}

function renderValue(
  context: Context,
  term: Quad['object'],
  visiting: ReadonlySet<string>,
): SafeHtml {
  switch (term.termType) {
    case 'Literal': {
      if (DATE_TYPES.has(term.datatype.value) && isMachineDate(term.value)) {
        return markup`<time datetime="${term.value}">${term.value}</time>`;
      }
      return term.language === ''
        ? markup`${term.value}`
        : markup`<span lang="${term.language}">${term.value}</span>`;
    }
    case 'NamedNode': {
      const path = sitePath(term.value, context.baseUrl);
      if (path !== undefined) return renderLink(siteLink(context, term, path));
      // An enumeration member or other vocabulary term is named, not shown as its IRI.
      const label = term.value.startsWith(NS.schema)
        ? context.labels.termLabel(term.value)
        : (context.labels.nameOf(term)?.label ??
          // A link may drop its scheme; an IRI that is not linked is shown whole.
          (safeHref(term.value) === undefined ? term.value : displayUrl(term.value)));
      return renderLink({ label, ...hrefOrNothing(term.value) });
    }
    case 'BlankNode': {
      if (visiting.has(term.value) && visiting.size > MAX_NESTING) return markup`…`;
      const named = context.labels.nameOf(term);
      if (named) return markup`${named.label}`;
      const types = typesOf(context.graph, term).map((type) => context.labels.termLabel(type));
      return markup`${types.join(', ')}`;
    }
    default:
      return markup`${term.value}`;
  }
}

/**
 * Named nodes of other documents that point at one of `subjects`, directly or through blank
 * nodes (a node → blank node → subject chain counts for the named node at its top), as
 * sentences from this side, one per property: "Includes Amazon AGI, Amazon TRMS and AWS".
 * A node the subjects already name in their own sentences is not repeated ("Includes Gluon API"
 * from hasPart, and not again from Gluon API's isPartOf).
 */
function referrersOf(
  context: Context,
  subjects: readonly Quad['subject'][],
  documentIri: string,
): SafeHtml | undefined {
  const { graph, labels, messages } = context;
  const named = new Set(
    subjects.flatMap((subject) => reachableObjects(graph, subject)).map((node) => node.value),
  );
  const byPredicate = new Map<string, Map<string, Quad['subject']>>();
  const add = (node: Quad['subject'], predicate: string) => {
    if (node.termType !== 'NamedNode' || documentOf(node.value) === documentIri) return;
    if (named.has(node.value)) return;
    const nodes = byPredicate.get(predicate) ?? new Map<string, Quad['subject']>();
    nodes.set(node.value, node);
    byPredicate.set(predicate, nodes);
  };
  for (const subject of subjects) {
    let frontier: Quad['subject'][] = [subject];
    const seen = new Set<string>([subject.value]);
    for (let depth = 0; depth < MAX_NESTING && frontier.length > 0; depth++) {
      const next: Quad['subject'][] = [];
      for (const node of frontier) {
        for (const q of graph.getQuads(null, null, node, null)) {
          if (q.subject.termType !== 'BlankNode') {
            // Through blank nodes, name the property the named node itself uses.
            add(q.subject, q.predicate.value);
          } else if (!seen.has(q.subject.value)) {
            seen.add(q.subject.value);
            next.push(q.subject);
          }
        }
      }
      frontier = next;
    }
  }
  if (byPredicate.size === 0) return undefined;
  const sentences = [...byPredicate.entries()].map(([predicate, nodes]) => {
    const items = [...nodes.values()]
      .sort(
        (a, b) =>
          compareText(labels.labelOf(a), labels.labelOf(b)) || compareText(a.value, b.value),
      )
      .map((node) => referrerValue(context, node));
    const phrase = predicate.startsWith(NS.schema)
      ? messages.inverseRelations[localName(predicate)]
      : undefined;
    const sentence =
      phrase === undefined
        ? fill(messages.inverseRelationFallback, {
            '': joinList(items, messages),
            label: markup`${labels.termLabel(predicate)}`,
          })
        : fill(phrase, { '': joinList(items, messages) });
    return { sort: sentence.value.replace(/<[^>]*>/g, ''), sentence };
  });
  sentences.sort((a, b) => compareText(a.sort, b.sort));
  return markup`<section id="${REFERENCED_BY_ID}" aria-labelledby="${REFERENCED_BY_ID}-title">
<h2 id="${REFERENCED_BY_ID}-title">${messages.referencedBy}</h2>
<ul class="facts referrers">
${sentences.map(({ sentence }) => markup`<li>${sentence}</li>\n`)}</ul>
</section>
`;
}

/** The named nodes a subject's sentences name: its objects, through its blank nodes too. */
function reachableObjects(graph: QuadSource, subject: Quad['subject']): Quad['object'][] {
  const out: Quad['object'][] = [];
  const seen = new Set<string>();
  let frontier: Quad['subject'][] = [subject];
  for (let depth = 0; depth < MAX_NESTING && frontier.length > 0; depth++) {
    const next: Quad['subject'][] = [];
    for (const node of frontier) {
      for (const q of graph.getQuads(node, null, null, null)) {
        if (q.object.termType === 'NamedNode') out.push(q.object);
        else if (q.object.termType === 'BlankNode' && !seen.has(q.object.value)) {
          seen.add(q.object.value);
          next.push(q.object);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/**
 * A node pointing here, linked by name. A Role means little on its own ("Founder"): it is
 * shown with the node that holds it, "GluonNLP (Founder)".
 */
function referrerValue(context: Context, node: Quad['subject']): SafeHtml {
  const path = sitePath(node.value, context.baseUrl);
  const link = renderLink(
    path === undefined ? { label: context.labels.labelOf(node) } : siteLink(context, node, path),
  );
  if (!isRoleNode(context.graph, node)) return link;
  const holders = context.graph
    .getQuads(null, null, node, null)
    .map((q) => q.subject)
    .filter((holder) => holder.termType === 'NamedNode')
    .sort(compareTerms)
    .map((holder) => {
      const holderPath = sitePath(holder.value, context.baseUrl);
      return renderLink(
        holderPath === undefined
          ? { label: context.labels.labelOf(holder) }
          : siteLink(context, holder, holderPath),
      );
    });
  if (holders.length === 0) return link;
  return fill(context.messages.roleHeldIn, {
    holder: joinList(holders, context.messages),
    role: link,
  });
}
