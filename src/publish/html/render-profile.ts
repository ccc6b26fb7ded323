import { markup, unsafeRawHtml, type SafeHtml } from './escape.js';
import { formatCount, formatDate, humanize, splitParagraphs } from './format.js';
import {
  joinWithDots,
  renderDate,
  renderLink,
  renderLinks,
  renderPeriod,
  type NavItem,
  type PageParts,
} from './layout.js';
import { messagesFor, type Messages } from './messages.js';
import type { PageInput } from './page-input.js';
import { SOCIAL_CARD_HEIGHT, SOCIAL_CARD_WIDTH } from '../social-card.js';
import type { Link } from './links.js';
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
  const language = input.site.language;
  const text = messagesFor(language);
  const sections = [
    about(profile, text),
    experience(profile.experience, text, language),
    projects(profile.projects, text, language),
    memberships(profile.memberships, text, language),
    education(profile.education, text, language),
    publications(profile.publications, text, language),
    expertise(profile, text),
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
  if (input.socialCard !== undefined)
    meta.image = {
      url: input.socialCard,
      width: SOCIAL_CARD_WIDTH,
      height: SOCIAL_CARD_HEIGHT,
      // The card's own words: it shows the name and the job title.
      alt: profile.jobTitle === undefined ? profile.name : `${profile.name} — ${profile.jobTitle}`,
    };
  const main = sections.map(
    (section) => markup`<section id="${section.id}" aria-labelledby="${section.id}-title">
<h2 id="${section.id}-title">${section.title}</h2>
${section.body}</section>
`,
  );
  const parts: PageParts = { meta, header: header(profile, text), nav, main: markup`${main}` };
  if (profile.person.href !== undefined) {
    parts.footerNote = markup`${text.linkedDataRecord} ${renderLink(profile.person)}`;
  }
  return parts;
}

/**
 * The banner as an h-card (microformats2): photo, name, job title with the current employer,
 * location, the summary and the profile links. The links carry `rel="me"`: they are the person's
 * own pages, which Mastodon and IndieAuth check for a link back.
 */
function header(profile: Profile, text: Messages): SafeHtml {
  const employers =
    profile.currentEmployers.length === 0
      ? undefined
      : markup`<span class="employer">${profile.jobTitle === undefined ? '' : `${text.atEmployer} `}<span class="p-org">${renderLinks(profile.currentEmployers)}</span></span>`;
  const jobTitle =
    profile.jobTitle === undefined
      ? undefined
      : markup`<span class="p-job-title">${profile.jobTitle}</span>`;
  const headline =
    jobTitle === undefined && employers === undefined
      ? ''
      : markup`<p class="headline">${joinHtmlSpace(jobTitle, employers)}</p>\n`;
  const location =
    profile.location === undefined
      ? ''
      : markup`<p class="location p-locality">${profile.location}</p>\n`;
  const summary =
    profile.summary === undefined ? '' : markup`<p class="summary p-note">${profile.summary}</p>\n`;
  const contacts =
    profile.contacts.length === 0
      ? ''
      : markup`<ul class="contacts" aria-label="${text.profileLinks}">${profile.contacts.map(
          (link) => markup`<li>${contactLink(link)}</li>`,
        )}</ul>\n`;
  const photo =
    profile.photo === undefined
      ? ''
      : markup`<img class="photo u-photo" src="${profile.photo}" alt="${text.photoOf(profile.name)}" width="112" height="112">\n`;
  const name =
    profile.person.href === undefined
      ? markup`<span class="p-name">${profile.name}</span>`
      : markup`<a class="p-name u-url u-uid" href="${profile.person.href}">${profile.name}</a>`;
  return markup`<div class="h-card">
<div class="identity">
${photo}<div class="identity-text">
<h1>${name}</h1>
${headline}${location}</div>
</div>
${summary}${contacts}</div>
`;
}

/** A profile link: `u-email` for mail, else `u-url`; always `rel="me"`. */
function contactLink(link: Link): SafeHtml {
  if (link.href === undefined) return markup`${link.label}`;
  const kind = link.href.startsWith('mailto:') ? 'u-email' : 'u-url';
  return markup`<a class="${kind}" rel="me" href="${link.href}">${link.label}</a>`;
}

function joinHtmlSpace(first: SafeHtml | undefined, second: SafeHtml | undefined): SafeHtml {
  if (first === undefined) return second ?? markup``;
  return second === undefined ? first : markup`${first} ${second}`;
}

/**
 * The About text: its first paragraph shown, the rest behind a `<details>` (opens without
 * script), so that Experience is not pushed below the fold by an essay.
 */
function about(profile: Profile, text: Messages): Section | undefined {
  const [first, ...rest] = profile.about;
  if (first === undefined) return undefined;
  const paragraph = (value: string) => markup`<p>${value}</p>\n`;
  const more =
    rest.length === 0
      ? ''
      : markup`<details class="more">
<summary>${text.readMore}</summary>
${rest.map(paragraph)}</details>
`;
  return {
    id: 'about',
    title: text.sections.about,
    body: markup`<div class="prose">\n${paragraph(first)}${more}</div>\n`,
  };
}

/**
 * The role name (the model fills in the person's jobTitle for a current position without one)
 * as the title, with the organisation and the team or project (the role's own name, see
 * `distinctName`) below. Without a role name the organisation is the title: a team's name is
 * not a job title.
 */
function positionLines(entry: ExperienceEntry): { title: SafeHtml; subtitle?: SafeHtml } {
  const organizations = renderLinks(entry.organizations);
  if (entry.roleName === undefined) {
    return { title: organizations, subtitle: joinWithDots([distinctName(entry)]) };
  }
  return {
    title: markup`${entry.roleName}`,
    subtitle: joinWithDots([organizations, distinctName(entry)]),
  };
}

function experience(
  entries: readonly ExperienceEntry[],
  text: Messages,
  language: string,
): Section | undefined {
  if (entries.length === 0) return undefined;
  const items = entries.map((entry) => {
    const { title, subtitle } = positionLines(entry);
    const when = renderPeriod(entry.start, entry.end, text, language);
    return markup`<li${entry.end === undefined ? CURRENT : ''}>
<h3>${title}</h3>
${line('org', subtitle)}${line('when', when)}${description(entry.description)}</li>
`;
  });
  return {
    id: 'experience',
    title: text.sections.experience,
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

/** A credit as the language says it: the property credits are translated, role names are data. */
function creditLabel(credit: string, text: Messages): string {
  const property = (['author', 'creator', 'maintainer', 'contributor'] as const).find(
    (name) => humanize(name) === credit,
  );
  return property === undefined ? credit : text.credits[property];
}

function projects(
  entries: readonly ProjectEntry[],
  text: Messages,
  language: string,
): Section | undefined {
  if (entries.length === 0) return undefined;
  const items = entries.map((entry) => {
    const stars =
      entry.stars === undefined
        ? ''
        : markup`<p class="stars"><span class="icon" aria-hidden="true">★</span> <data value="${entry.stars}">${text.stars(formatCount(entry.stars, language), entry.stars)}</data></p>`;
    const meta = joinWithDots([
      entry.credits.length === 0
        ? undefined
        : entry.credits.map((credit) => creditLabel(credit, text)).join(', '),
      entry.organizations.length === 0 ? undefined : renderLinks(entry.organizations),
      entry.partOf.length === 0 ? undefined : markup`${text.partOf} ${renderLinks(entry.partOf)}`,
      renderPeriod(entry.start, entry.end, text, language),
    ]);
    const repository = entry.repository ? renderLink(entry.repository) : undefined;
    return markup`<li class="h-entry">
<div class="entry-head"><h3>${entryLink(entry.work)}</h3>${stars}</div>
${line('meta', meta)}${description(entry.description)}${line('repo', repository)}</li>
`;
  });
  return {
    id: 'projects',
    title: text.sections.projects,
    short: text.sections.projectsShort,
    body: markup`<ul class="entries projects">\n${items}</ul>\n`,
  };
}

/**
 * A work's title as an h-entry's name and URL (microformats2 `p-name`, `u-url`): the entries of
 * Projects and Publications are h-entry items, so feed readers and IndieWeb tools list them.
 */
function entryLink(link: Link): SafeHtml {
  return link.href === undefined
    ? markup`<span class="p-name">${link.label}</span>`
    : markup`<a class="p-name u-url" href="${link.href}">${link.label}</a>`;
}

function entryHead(title: SafeHtml, when: SafeHtml | undefined): SafeHtml {
  const date = when === undefined ? '' : markup`<p class="when">${when}</p>`;
  return markup`<div class="entry-head"><h3>${title}</h3>${date}</div>\n`;
}

function memberships(
  entries: readonly MembershipEntry[],
  text: Messages,
  language: string,
): Section | undefined {
  if (entries.length === 0) return undefined;
  const items = entries.map((entry) => {
    const { title, subtitle } = positionLines(entry);
    const works =
      entry.works.length === 0 ? undefined : markup`${text.works} ${renderLinks(entry.works)}`;
    return markup`<li>
${entryHead(title, renderPeriod(entry.start, entry.end, text, language))}${line('org', subtitle)}${description(entry.description)}${line('meta', works)}</li>
`;
  });
  return {
    id: 'memberships',
    title: text.sections.memberships,
    short: text.sections.membershipsShort,
    body: markup`<ul class="entries">\n${items}</ul>\n`,
  };
}

function education(
  entries: readonly EducationEntry[],
  text: Messages,
  language: string,
): Section | undefined {
  if (entries.length === 0) return undefined;
  const items = entries.map((entry) => {
    const institutions = renderLinks(entry.institutions);
    const when = renderPeriod(entry.start, entry.end, text, language);
    const content =
      entry.credential === undefined
        ? entryHead(institutions, when)
        : markup`${entryHead(renderLink(entry.credential), when)}${line('org', institutions)}`;
    return markup`<li>\n${content}</li>\n`;
  });
  return {
    id: 'education',
    title: text.sections.education,
    body: markup`<ul class="entries">\n${items}</ul>\n`,
  };
}

function publications(
  entries: readonly PublicationEntry[],
  text: Messages,
  language: string,
): Section | undefined {
  if (entries.length === 0) return undefined;
  const items = entries.map((entry) => {
    // A venue the title already names ("… (SciPy 2023)") is not said a second time.
    const venue =
      entry.venue !== undefined &&
      entry.article.label.toLowerCase().includes(entry.venue.toLowerCase())
        ? undefined
        : entry.venue;
    const meta = joinWithDots([
      venue,
      entry.about.length === 0
        ? undefined
        : markup`${text.publicationAbout} ${renderLinks(entry.about)}`,
    ]);
    const date =
      entry.date === undefined
        ? undefined
        : markup`<span class="dt-published">${renderDate(entry.date, formatDate(entry.date, language))}</span>`;
    return markup`<li class="h-entry">
${entryHead(entryLink(entry.article), date)}${line('meta', meta)}${description(entry.description)}</li>
`;
  });
  return {
    id: 'publications',
    title: text.sections.publications,
    body: markup`<ul class="entries">\n${items}</ul>\n`,
  };
}

function expertise(profile: Profile, text: Messages): Section | undefined {
  if (profile.expertise.length === 0) return undefined;
  const tags = profile.expertise.map((topic) => markup`<li>${renderLink(topic)}</li>\n`);
  return {
    id: 'expertise',
    title: text.sections.expertise,
    body: markup`<ul class="tags">\n${tags}</ul>\n`,
  };
}
