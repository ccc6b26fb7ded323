import type { QuadSource } from '../../rdf/quad-index.js';
import { namedNode, NS, RDF_TYPE, type Quad } from '../../rdf/data-factory.js';
import { joinHtml, markup, safeHref, type SafeHtml } from './escape.js';
import { compareText, humanize, isMachineDate, localName, splitParagraphs } from './format.js';
import {
  compareTerms,
  isRoleNode,
  nameOf,
  quadsAbout,
  schema,
  typesOf,
  type GraphNode,
} from './graph.js';
import { renderLink, renderLinks, type NavItem, type PageParts } from './layout.js';
import { documentOf, labelOf, linkTo, sitePath, siteRoot } from './links.js';
import type { PageInput } from './page-input.js';

/** Properties shown first, in this order; the rest follow by label. */
const LEADING_PROPERTIES = [
  'name',
  'alternateName',
  'roleName',
  'description',
  'startDate',
  'endDate',
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

/** How deep blank nodes are rendered inline (profiles nest one or two levels). */
const MAX_NESTING = 6;

/** Section id of the back links (a subject whose fragment is `referenced-by` would clash). */
const REFERENCED_BY_ID = 'referenced-by';

/**
 * The generic layout: one block per subject (heading, types, a definition list of every
 * property, blank nodes nested inline), then "Referenced by" for the nodes elsewhere in the
 * graph that point at these subjects. Every IRI inside the site becomes a root-relative link.
 */
export function renderEntityParts(input: PageInput): PageParts {
  const { graph } = input;
  const baseUrl = input.site.baseUrl;
  const [first, ...rest] = input.subjects.length > 0 ? input.subjects : [input.documentIri];
  const subjects = [first ?? input.documentIri, ...[...rest].sort()].map((iri) => namedNode(iri));
  const main = subjects[0] ?? namedNode(input.documentIri);
  const mainName = labelOf(graph, main, baseUrl);
  const mainTypes = typesOf(graph, main);
  const typeLabel = mainTypes.map((type) => humanize(localName(type))).join(', ');

  const blocks = subjects.map((subject, index) =>
    renderSubject(graph, subject, baseUrl, index === 0 ? 'h1' : 'h2'),
  );
  const referrers = referrersOf(graph, subjects, input.documentIri, baseUrl);
  const nav: NavItem[] = subjects.map((subject) => ({
    id: anchorOf(subject.value),
    label: labelOf(graph, subject, baseUrl),
  }));
  if (referrers) nav.push({ id: REFERENCED_BY_ID, label: 'Referenced by' });

  const description = nameOf(graph, main) === undefined ? undefined : descriptionOf(graph, main);
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
    footerNote: markup`Part of <a href="${home}">${input.site.name}</a>`,
  };
}

function descriptionOf(graph: QuadSource, node: GraphNode): string | undefined {
  const quads = graph.getQuads(node, namedNode(schema('description')), null, null);
  return quads.map((q) => q.object.value).sort()[0];
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

function renderSubject(
  graph: QuadSource,
  subject: Quad['subject'],
  baseUrl: string,
  level: 'h1' | 'h2',
): SafeHtml {
  const name = labelOf(graph, subject, baseUrl);
  const heading = level === 'h1' ? markup`<h1>${name}</h1>` : markup`<h2>${name}</h2>`;
  const types = renderTypes(typesOf(graph, subject));
  const body = markup`<header class="entity-head">
${types}${heading}
</header>
${renderProperties(graph, subject, baseUrl, new Set())}`;
  const id = anchorOf(subject.value);
  return level === 'h1'
    ? markup`<article class="entity" id="${id}">\n${body}</article>\n`
    : markup`<section class="entity" id="${id}">\n${body}</section>\n`;
}

function renderTypes(types: readonly string[]): SafeHtml | string {
  if (types.length === 0) return '';
  const items = types.map(
    (type) =>
      markup`<li>${renderLink({ label: humanize(localName(type)), ...hrefOrNothing(type) })}</li>`,
  );
  return markup`<ul class="types kicker" aria-label="Types">${items}</ul>\n`;
}

/** `{ href }` for a safe external IRI, `{}` otherwise (see `safeHref`). */
function hrefOrNothing(iri: string): { href?: string } {
  const href = safeHref(iri);
  return href === undefined ? {} : { href };
}

function compareProperties(a: string, b: string): number {
  const leadA = LEADING_PROPERTIES.indexOf(a);
  const leadB = LEADING_PROPERTIES.indexOf(b);
  if (leadA !== -1 || leadB !== -1) {
    if (leadA === -1) return 1;
    if (leadB === -1) return -1;
    return leadA - leadB;
  }
  return compareText(humanize(localName(a)), humanize(localName(b))) || compareText(a, b);
}

/** A definition list of every property but rdf:type, values sorted for stable output. */
function renderProperties(
  graph: QuadSource,
  subject: Quad['subject'],
  baseUrl: string,
  visiting: ReadonlySet<string>,
): SafeHtml {
  const byPredicate = new Map<string, Quad['object'][]>();
  for (const q of quadsAbout(graph, subject)) {
    if (q.predicate.value === RDF_TYPE) continue;
    const values = byPredicate.get(q.predicate.value) ?? [];
    values.push(q.object);
    byPredicate.set(q.predicate.value, values);
  }
  if (byPredicate.size === 0) return markup``;
  const nested = new Set([...visiting, subject.value]);
  const rows = [...byPredicate.keys()].sort(compareProperties).map((predicate) => {
    const values = (byPredicate.get(predicate) ?? []).sort(
      (a, b) => compareText(valueLabel(graph, a), valueLabel(graph, b)) || compareTerms(a, b),
    );
    const items = values.map(
      (value) => markup`<dd>${renderValue(graph, value, baseUrl, nested)}</dd>\n`,
    );
    return markup`<dt>${humanize(localName(predicate))}</dt>\n${items}`;
  });
  return markup`<dl class="properties">\n${rows}</dl>\n`;
}

function valueLabel(graph: QuadSource, term: Quad['object']): string {
  return term.termType === 'NamedNode' ? (nameOf(graph, term) ?? term.value) : term.value;
}

function renderValue(
  graph: QuadSource,
  term: Quad['object'],
  baseUrl: string,
  visiting: ReadonlySet<string>,
): SafeHtml {
  switch (term.termType) {
    case 'Literal': {
      if (DATE_TYPES.has(term.datatype.value) && isMachineDate(term.value)) {
        return markup`<time datetime="${term.value}">${term.value}</time>`;
      }
      const paragraphs = splitParagraphs(term.value);
      const text =
        paragraphs.length > 1
          ? joinHtml(paragraphs.map((paragraph) => markup`<p>${paragraph}</p>`))
          : markup`${term.value}`;
      return term.language === '' ? text : markup`<span lang="${term.language}">${text}</span>`;
    }
    case 'NamedNode': {
      const path = sitePath(term.value, baseUrl);
      if (path === undefined)
        return renderLink({ label: term.value, ...hrefOrNothing(term.value) });
      const types = typesOf(graph, term).map((type) => humanize(localName(type)));
      const link = renderLink(linkTo(graph, term, baseUrl));
      return types.length === 0
        ? link
        : markup`${link} <span class="node-type">(${types.join(', ')})</span>`;
    }
    case 'BlankNode': {
      if (visiting.has(term.value) || visiting.size > MAX_NESTING) return markup`…`;
      const types = typesOf(graph, term).map((type) => humanize(localName(type)));
      const label =
        types.length === 0 ? '' : markup`<span class="node-type">${types.join(', ')}</span>\n`;
      return markup`${label}${renderProperties(graph, term, baseUrl, visiting)}`;
    }
    default:
      return markup`${term.value}`;
  }
}

interface Referrer {
  node: Quad['subject'];
  predicates: Set<string>;
}

/**
 * Named nodes of other documents that point at one of `subjects`, directly or through blank
 * nodes (a node → blank node → subject chain counts for the named node at its top).
 */
function referrersOf(
  graph: QuadSource,
  subjects: readonly Quad['subject'][],
  documentIri: string,
  baseUrl: string,
): SafeHtml | undefined {
  const found = new Map<string, Referrer>();
  const add = (node: Quad['subject'], predicate: string) => {
    if (node.termType !== 'NamedNode' || documentOf(node.value) === documentIri) return;
    const entry = found.get(node.value) ?? { node, predicates: new Set<string>() };
    entry.predicates.add(predicate);
    found.set(node.value, entry);
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
  if (found.size === 0) return undefined;
  const entries = [...found.values()].sort(
    (a, b) =>
      compareText(labelOf(graph, a.node, baseUrl), labelOf(graph, b.node, baseUrl)) ||
      compareText(a.node.value, b.node.value),
  );
  const items = entries.map(({ node, predicates }) => {
    const types = typesOf(graph, node).map((type) => humanize(localName(type)));
    const how = [...predicates]
      .sort()
      .map((predicate) => lowerFirst(humanize(localName(predicate))));
    const typeLabel =
      types.length === 0 ? '' : markup` <span class="node-type">(${types.join(', ')})</span>`;
    const link = renderLink(linkTo(graph, node, baseUrl));
    // A Role means little on its own ("Founder"): say whose role it is ("in GluonNLP").
    const holders = isRoleNode(graph, node)
      ? graph
          .getQuads(null, null, node, null)
          .map((q) => q.subject)
          .filter((holder) => holder.termType === 'NamedNode')
          .sort(compareTerms)
          .map((holder) => linkTo(graph, holder, baseUrl))
      : [];
    const context = holders.length === 0 ? '' : markup` in ${renderLinks(holders)}`;
    return markup`<li>${link}${typeLabel}${context} <span class="meta">as ${how.join(' and ')}</span></li>\n`;
  });
  return markup`<section id="${REFERENCED_BY_ID}" aria-labelledby="${REFERENCED_BY_ID}-title">
<h2 id="${REFERENCED_BY_ID}-title">Referenced by</h2>
<ul class="referrers">
${items}</ul>
</section>
`;
}

/** `Parent organization` → `parent organization` (acronyms such as `URL` stay). */
function lowerFirst(label: string): string {
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}
