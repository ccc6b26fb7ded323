// A synthetic people directory for the scale benchmarks: a valid data folder of N people, laid
// out like the bundled profile (one JSON-LD file per person, work and organization), realistic
// in shape and deterministic: the same N and seed give the same files, byte for byte.
//
// Each person: a job (an EmployeeRole, the bundled profile's pattern) at a shared organization,
// a degree's university (alumniOf), a membership (memberOf), colleagues they know, topics. Works
// are shared: each has three authors, so each person is on about two; two in three are software
// with a GitHub-style star counter, one in three is an article. One ProfilePage (the site root)
// is about the first person. About 21 triples per person.
//
// Run: npm run gen -- --people N [--out DIR] [--seed S]     (default: 1000 people, ./synthetic)
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

/** What {@link generateProfile} wrote. */
export interface GeneratedProfile {
  /** The folder holding profile-graph.config.json and data/. */
  root: string;
  people: number;
  /** JSON-LD files written under data/. */
  files: number;
  /** Documents the site will have: one per file (each file's entities share one IRI path). */
  documents: number;
}

/** Options for {@link generateProfile}. */
export interface GenerateOptions {
  people: number;
  /** Seed of the pseudo-random choices (who works where, who knows whom, star counts). */
  seed?: number;
}

const SHAPES = fileURLToPath(new URL('../shapes', import.meta.url));
export const SYNTHETIC_BASE_URL = 'https://people.example.org/';

const GIVEN = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John', 'Radia'];
const FAMILY = ['Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Perlman'];
const TOPICS = ['Distributed training', 'Compilers', 'Linked data', 'Databases', 'Search', 'HCI'];
const TITLES = ['Engineer', 'Scientist', 'Maintainer', 'Manager', 'Researcher', 'Designer'];
const SECTORS = ['Labs', 'Systems', 'Foundation', 'Institute', 'Works'];

/** Park–Miller minimal standard generator: deterministic across platforms, no Math.random. */
function random(seed: number): (below: number) => number {
  let state = seed % 2147483647 || 1;
  return (below) => {
    state = (state * 48271) % 2147483647;
    return Math.floor((state / 2147483647) * below);
  };
}

const id = (prefix: string, index: number) => `${prefix}${String(index).padStart(6, '0')}`;

/**
 * Writes a valid people directory of `people` people into `dir` (replacing it): the
 * configuration, pointing at the repository's shapes, and the JSON-LD files. Files are written
 * in batches so that 100,000 people do not hold 170,000 pending writes at once.
 */
export async function generateProfile(
  dir: string,
  { people, seed = 42 }: GenerateOptions,
): Promise<GeneratedProfile> {
  if (!Number.isInteger(people) || people < 1) throw new Error('--people must be at least 1');
  const pick = random(seed);
  await rm(dir, { recursive: true, force: true });
  for (const folder of ['people', 'works', 'organizations'])
    await mkdir(path.join(dir, 'data', folder), { recursive: true });

  const organizations = Math.max(5, Math.ceil(people / 20));
  // Every fifth organization is a university: people's alma maters.
  const universities = Math.ceil(organizations / 5);
  const university = (index: number) => id('organizations/o', 5 * (index % universities));
  const company = (index: number) => {
    const candidate = index % organizations;
    return id('organizations/o', candidate % 5 === 0 ? (candidate + 1) % organizations : candidate);
  };
  const works = Math.ceil((people * 2) / 3);

  let pending: Promise<void>[] = [];
  let files = 0;
  const write = async (file: string, json: unknown) => {
    files += file.startsWith('data/') ? 1 : 0;
    pending.push(writeFile(path.join(dir, file), `${JSON.stringify(json, null, 2)}\n`));
    if (pending.length >= 256) {
      await Promise.all(pending);
      pending = [];
    }
  };

  await write('profile-graph.config.json', {
    baseUrl: SYNTHETIC_BASE_URL,
    siteName: 'Synthetic people directory',
    mainEntity: 'people/p000000#id',
    language: 'en',
    data: 'data',
    shapes: path.relative(dir, SHAPES) || '.',
  });
  await write('data/profile.jsonld', {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    '@id': '',
    name: 'Person 0',
    mainEntity: { '@id': 'people/p000000#id' },
  });

  for (let index = 0; index < organizations; index++) {
    const isUniversity = index % 5 === 0;
    await write(`data/${id('organizations/o', index)}.jsonld`, {
      '@context': 'https://schema.org',
      '@type': isUniversity ? 'CollegeOrUniversity' : 'Organization',
      '@id': `${id('organizations/o', index)}#id`,
      name: isUniversity
        ? `University ${String(index / 5)}`
        : `${FAMILY[index % FAMILY.length] ?? ''} ${SECTORS[index % SECTORS.length] ?? ''} ${String(index)}`,
      // Departments of a few large organizations: parent links across files.
      ...(!isUniversity && index % 7 === 3
        ? { parentOrganization: { '@id': `${company(1)}#id` } }
        : {}),
    });
  }

  for (let index = 0; index < people; index++) {
    const self = id('people/p', index);
    const start = 1995 + pick(25);
    const left = pick(3) === 0;
    const topic = pick(TOPICS.length);
    const known =
      index === 0 ? [] : [pick(index), ...(pick(2) === 0 && index > 1 ? [pick(index)] : [])];
    await write(`data/${self}.jsonld`, {
      '@context': 'https://schema.org',
      '@type': 'Person',
      '@id': `${self}#id`,
      name: `${GIVEN[index % GIVEN.length] ?? ''} ${FAMILY[(index * 7) % FAMILY.length] ?? ''} ${String(index)}`,
      jobTitle: TITLES[index % TITLES.length],
      description: `Works on ${(TOPICS[topic] ?? '').toLowerCase()}.`,
      knowsAbout: [TOPICS[topic], TOPICS[(topic + 1 + pick(TOPICS.length - 1)) % TOPICS.length]],
      alumniOf: { '@id': `${university(pick(universities * 5))}#id` },
      memberOf: { '@id': `${company(pick(organizations))}#id` },
      worksFor: {
        '@type': 'EmployeeRole',
        '@id': `${self}#job`,
        roleName: TITLES[index % TITLES.length],
        startDate: String(start),
        ...(left ? { endDate: String(start + 1 + pick(6)) } : {}),
        worksFor: { '@id': `${company(pick(organizations))}#id` },
      },
      ...(known.length > 0
        ? { knows: [...new Set(known)].map((other) => ({ '@id': `${id('people/p', other)}#id` })) }
        : {}),
    });
  }

  for (let index = 0; index < works; index++) {
    const work = id('works/w', index);
    // Three distinct authors, consecutive from a random start, so every person is on some work.
    const first = (index * 3) % people;
    const authors = [...new Set([first, (first + 1) % people, (first + 2) % people])].map(
      (author) => ({ '@id': `${id('people/p', author)}#id` }),
    );
    const software = index % 3 !== 2;
    await write(
      `data/${work}.jsonld`,
      software
        ? {
            '@context': 'https://schema.org',
            '@type': 'SoftwareSourceCode',
            '@id': `${work}#id`,
            name: `project-${String(index)}`,
            codeRepository: `https://code.example.org/project-${String(index)}`,
            author: authors,
            interactionStatistic: {
              '@type': 'InteractionCounter',
              interactionType: { '@id': 'schema:LikeAction' },
              userInteractionCount: pick(10) === 0 ? 10_000 + pick(40_000) : pick(2_000),
            },
          }
        : {
            '@context': 'https://schema.org',
            '@type': 'ScholarlyArticle',
            '@id': `${work}#id`,
            name: `On ${(TOPICS[index % TOPICS.length] ?? '').toLowerCase()}, part ${String(index)}`,
            author: authors,
            datePublished: `${String(2000 + pick(25))}-${String(1 + pick(12)).padStart(2, '0')}`,
          },
    );
  }
  await Promise.all(pending);
  return { root: dir, people, files, documents: files };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '1000' },
      out: { type: 'string', default: 'synthetic' },
      seed: { type: 'string', default: '42' },
    },
  });
  const generated = await generateProfile(path.resolve(values.out), {
    people: Number(values.people),
    seed: Number(values.seed),
  });
  console.log(
    `Wrote ${String(generated.people)} people in ${String(generated.files)} data files to ${generated.root}`,
  );
}
