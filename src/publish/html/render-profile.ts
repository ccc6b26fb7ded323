import { markup, unsafeRawHtml, type SafeHtml } from './escape.js';
import { formatStars, splitParagraphs } from './format.js';
import {
  joinWithDots,
  renderDate,
  renderLink,
  renderLinks,
  renderPeriod,
  type NavItem,
  type PageParts,
} from './layout.js';
import type { PageInput } from './page-input.js';
import type {
  EducationEntry,
  ExperienceEntry,
  MembershipEntry,
  Profile,
  ProjectEntry,
  PublicationEntry,
} from './profile-model.js';

interface Section {
  id: string;
  title: string;
  /** Shorter label for the navigation bar. */
  short?: string;
  body: SafeHtml;
}

const CURRENT = unsafeRawHtml(' class="current"');

/**
 * The CV layout of the site's ProfilePage: header (name, job title, current employer), then
 * About, Experience, Projects & open source, Memberships & service, Education, Publications and
 * Expertise; sections without content are left out, and so are their navigation links.
 */
export function renderProfileParts(input: PageInput, profile: Profile): PageParts {
  const sections = [
    about(profile),
    experience(profile.experience),
    projects(profile.projects),
    memberships(profile.memberships),
    education(profile.education),
    publications(profile.publications),
    expertise(profile),
  ].filter((section): section is Section => section !== undefined);
  const nav: NavItem[] = sections.map(({ id, title, short }) => ({ id, label: short ?? title }));
  const meta: PageParts['meta'] = {
    title: `${profile.name} — ${profile.jobTitle ?? input.site.name}`,
    ogType: 'profile',
  };
  const description = profile.summary ?? profile.about[0];
  if (description !== undefined) meta.description = description;
  if (profile.givenName !== undefined) meta.firstName = profile.givenName;
  if (profile.familyName !== undefined) meta.lastName = profile.familyName;
  const main = sections.map(
    (section) => markup`<section id="${section.id}" aria-labelledby="${section.id}-title">
<h2 id="${section.id}-title">${section.title}</h2>
${section.body}</section>
`,
  );
  const parts: PageParts = { meta, header: header(profile), nav, main: markup`${main}` };
  if (profile.person.href !== undefined) {
    parts.footerNote = markup`Linked data record: ${renderLink(profile.person)}`;
  }
  return parts;
}

function header(profile: Profile): SafeHtml {
  const employers =
    profile.currentEmployers.length === 0
      ? undefined
      : profile.jobTitle === undefined
        ? renderLinks(profile.currentEmployers)
        : markup`<span class="employer">at ${renderLinks(profile.currentEmployers)}</span>`;
  const headline =
    profile.jobTitle === undefined && employers === undefined
      ? ''
      : markup`<p class="headline">${joinSpace(profile.jobTitle, employers)}</p>\n`;
  const summary =
    profile.summary === undefined ? '' : markup`<p class="summary">${profile.summary}</p>\n`;
  const contacts =
    profile.contacts.length === 0
      ? ''
      : markup`<ul class="contacts">${profile.contacts.map(
          (link) => markup`<li>${renderLink(link)}</li>`,
        )}</ul>\n`;
  return markup`<h1>${profile.name}</h1>\n${headline}${summary}${contacts}`;
}

function joinSpace(first: string | undefined, second: SafeHtml | undefined): SafeHtml {
  if (first === undefined) return second ?? markup``;
  return second === undefined ? markup`${first}` : markup`${first} ${second}`;
}

function about(profile: Profile): Section | undefined {
  if (profile.about.length === 0) return undefined;
  const paragraphs = profile.about.map((paragraph) => markup`<p>${paragraph}</p>\n`);
  return { id: 'about', title: 'About', body: markup`<div class="prose">\n${paragraphs}</div>\n` };
}

/** Role name as the title, organisation and the role's own name below (see `distinctName`). */
function positionLines(entry: ExperienceEntry): { title: SafeHtml; subtitle?: SafeHtml } {
  const organizations = renderLinks(entry.organizations);
  const title = entry.roleName ?? entry.name;
  if (title === undefined) return { title: organizations };
  const subtitle = joinWithDots([
    organizations,
    entry.roleName === undefined ? undefined : distinctName(entry),
  ]);
  return { title: markup`${title}`, subtitle };
}

function experience(entries: readonly ExperienceEntry[]): Section | undefined {
  if (entries.length === 0) return undefined;
  const items = entries.map((entry) => {
    const { title, subtitle } = positionLines(entry);
    const when = renderPeriod(entry.start, entry.end);
    return markup`<li${entry.end === undefined ? CURRENT : ''}>
<h3>${title}</h3>
${line('org', subtitle)}${line('when', when)}${description(entry.description)}</li>
`;
  });
  return {
    id: 'experience',
    title: 'Experience',
    body: markup`<ol class="timeline">\n${items}</ol>\n`,
  };
}

/** `<p class="…">content</p>` on its own line, or nothing without content. */
function line(className: string, content: SafeHtml | undefined): SafeHtml | string {
  return content === undefined || content.value === ''
    ? ''
    : markup`<p class="${className}">${content}</p>\n`;
}

/** The role's own name, unless an organisation's name already says it ("X" at "X Consortium"). */
function distinctName(entry: ExperienceEntry): string | undefined {
  const name = entry.name;
  if (name === undefined) return undefined;
  const lower = name.toLowerCase();
  const said = entry.organizations.some((organization) =>
    organization.label.toLowerCase().includes(lower),
  );
  return said ? undefined : name;
}

function description(text: string | undefined): SafeHtml | string {
  if (text === undefined) return '';
  return markup`${splitParagraphs(text).map(
    (paragraph) => markup`<p class="description">${paragraph}</p>\n`,
  )}`;
}

function projects(entries: readonly ProjectEntry[]): Section | undefined {
  if (entries.length === 0) return undefined;
  const items = entries.map((entry) => {
    const stars =
      entry.stars === undefined
        ? ''
        : markup`<p class="stars"><span class="icon" aria-hidden="true">★</span> <data value="${entry.stars}">${formatStars(entry.stars)}</data></p>`;
    const meta = joinWithDots([
      entry.credits.length === 0 ? undefined : entry.credits.join(', '),
      entry.organizations.length === 0 ? undefined : renderLinks(entry.organizations),
      entry.partOf.length === 0 ? undefined : markup`Part of ${renderLinks(entry.partOf)}`,
      renderPeriod(entry.start, entry.end),
    ]);
    const repository = entry.repository ? renderLink(entry.repository) : undefined;
    return markup`<li>
<div class="entry-head"><h3>${renderLink(entry.work)}</h3>${stars}</div>
${line('meta', meta)}${description(entry.description)}${line('repo', repository)}</li>
`;
  });
  return {
    id: 'projects',
    title: 'Projects & open source',
    short: 'Projects',
    body: markup`<ul class="entries projects">\n${items}</ul>\n`,
  };
}

function entryHead(title: SafeHtml, when: SafeHtml | undefined): SafeHtml {
  const date = when === undefined ? '' : markup`<p class="when">${when}</p>`;
  return markup`<div class="entry-head"><h3>${title}</h3>${date}</div>\n`;
}

function memberships(entries: readonly MembershipEntry[]): Section | undefined {
  if (entries.length === 0) return undefined;
  const items = entries.map((entry) => {
    const { title, subtitle } = positionLines(entry);
    return markup`<li>
${entryHead(title, renderPeriod(entry.start, entry.end))}${line('org', subtitle)}${description(entry.description)}</li>
`;
  });
  return {
    id: 'memberships',
    title: 'Memberships & service',
    short: 'Service',
    body: markup`<ul class="entries">\n${items}</ul>\n`,
  };
}

function education(entries: readonly EducationEntry[]): Section | undefined {
  if (entries.length === 0) return undefined;
  const items = entries.map((entry) => {
    const institutions = renderLinks(entry.institutions);
    const content =
      entry.credential === undefined
        ? entryHead(institutions, undefined)
        : markup`${entryHead(renderLink(entry.credential), undefined)}${line('org', institutions)}`;
    return markup`<li>\n${content}</li>\n`;
  });
  return {
    id: 'education',
    title: 'Education',
    body: markup`<ul class="entries">\n${items}</ul>\n`,
  };
}

function publications(entries: readonly PublicationEntry[]): Section | undefined {
  if (entries.length === 0) return undefined;
  const items = entries.map((entry) => {
    const meta = joinWithDots([
      entry.venue,
      entry.about.length === 0 ? undefined : markup`About ${renderLinks(entry.about)}`,
    ]);
    const date = entry.date === undefined ? undefined : renderDate(entry.date);
    return markup`<li>
${entryHead(renderLink(entry.article), date)}${line('meta', meta)}${description(entry.description)}</li>
`;
  });
  return {
    id: 'publications',
    title: 'Publications',
    body: markup`<ul class="entries">\n${items}</ul>\n`,
  };
}

function expertise(profile: Profile): Section | undefined {
  if (profile.expertise.length === 0) return undefined;
  const tags = profile.expertise.map((topic) => markup`<li>${renderLink(topic)}</li>\n`);
  return { id: 'expertise', title: 'Expertise', body: markup`<ul class="tags">\n${tags}</ul>\n` };
}
