// A synthetic profile for benchmarks: a valid data folder with N people, each with a role at
// an organization and two works (one with a GitHub star count), plus the profile page about
// the first person. Deterministic: the same N gives the same files, byte for byte.
// Entities: N people + N roles + 2N works (N counters) + ceil(N/5) organizations + 1 page.
// Run: node --import tsx bench/generate.ts OUT_DIR [--people N]   (default 2400 ≈ 10,000)
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What {@link generateProfile} wrote. */
export interface GeneratedProfile {
  /** The folder holding profile-graph.config.json and data/. */
  root: string;
  files: number;
  /** Named entities (IRIs with their own document), the profile page included. */
  entities: number;
}

const SHAPES = fileURLToPath(new URL('../shapes', import.meta.url));
const TOPICS = ['Distributed training', 'Compilers', 'Linked data', 'Databases', 'Search'];
const ROLES = ['Engineer', 'Scientist', 'Maintainer', 'Manager', 'Researcher'];

const pad = (value: number) => String(value).padStart(5, '0');

/**
 * Writes a valid profile for `people` people into `dir` (replacing it): configuration pointing
 * at the repository's shapes, and one JSON-LD file per entity, as a real profile is laid out.
 */
export async function generateProfile(dir: string, people = 2400): Promise<GeneratedProfile> {
  await rm(dir, { recursive: true, force: true });
  for (const folder of ['people', 'roles', 'works', 'organizations'])
    await mkdir(path.join(dir, 'data', folder), { recursive: true });
  const organizations = Math.ceil(people / 5);
  const files: [string, unknown][] = [
    [
      'profile-graph.config.json',
      {
        baseUrl: 'https://people.example.org/',
        siteName: 'Synthetic profiles',
        mainEntity: 'people/p00000#id',
        language: 'en',
        data: 'data',
        shapes: path.relative(dir, SHAPES) || '.',
      },
    ],
    [
      'data/profile.jsonld',
      {
        '@context': 'https://schema.org',
        '@type': 'ProfilePage',
        '@id': '',
        name: 'Person 0',
        mainEntity: { '@id': 'people/p00000#id' },
      },
    ],
  ];
  for (let index = 0; index < organizations; index++) {
    files.push([
      `data/organizations/o${pad(index)}.jsonld`,
      {
        '@context': 'https://schema.org',
        '@type': 'Organization',
        '@id': `organizations/o${pad(index)}#id`,
        name: `Organization ${String(index)}`,
        ...(index > 0 ? { parentOrganization: { '@id': 'organizations/o00000#id' } } : {}),
      },
    ]);
  }
  for (let index = 0; index < people; index++) {
    const person = `people/p${pad(index)}#id`;
    const role = `roles/r${pad(index)}#id`;
    const start = 2000 + (index % 20);
    files.push(
      [
        `data/people/p${pad(index)}.jsonld`,
        {
          '@context': 'https://schema.org',
          '@type': 'Person',
          '@id': person,
          name: `Person ${String(index)}`,
          jobTitle: ROLES[index % ROLES.length],
          description: `Works on ${TOPICS[index % TOPICS.length] ?? ''}.`,
          worksFor: [{ '@id': role }],
          knowsAbout: [TOPICS[index % TOPICS.length], TOPICS[(index + 2) % TOPICS.length]],
          ...(index > 0 ? { knows: [{ '@id': `people/p${pad(index - 1)}#id` }] } : {}),
        },
      ],
      [
        `data/roles/r${pad(index)}.jsonld`,
        {
          '@context': 'https://schema.org',
          '@type': 'EmployeeRole',
          '@id': role,
          roleName: ROLES[index % ROLES.length],
          startDate: String(start),
          ...(index % 3 === 0 ? { endDate: String(start + 3) } : {}),
          worksFor: { '@id': `organizations/o${pad(index % organizations)}#id` },
        },
      ],
      [
        `data/works/w${pad(index)}-a.jsonld`,
        {
          '@context': 'https://schema.org',
          '@type': 'SoftwareSourceCode',
          '@id': `works/w${pad(index)}-a#id`,
          name: `Project ${String(index)}`,
          codeRepository: `https://github.com/example/project-${String(index)}`,
          maintainer: { '@id': person },
          interactionStatistic: {
            '@type': 'InteractionCounter',
            name: 'GitHub stars',
            interactionType: { '@id': 'schema:LikeAction' },
            userInteractionCount: (index * 37) % 5000,
          },
        },
      ],
      [
        `data/works/w${pad(index)}-b.jsonld`,
        {
          '@context': 'https://schema.org',
          '@type': 'ScholarlyArticle',
          '@id': `works/w${pad(index)}-b#id`,
          name: `Paper ${String(index)}`,
          author: { '@id': person },
          datePublished: `${String(start + 5)}-0${String(1 + (index % 9))}`,
        },
      ],
    );
  }
  for (const [file, json] of files)
    await writeFile(path.join(dir, file), `${JSON.stringify(json, null, 2)}\n`);
  return { root: dir, files: files.length - 1, entities: 1 + organizations + people * 4 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (out === undefined) {
    console.error('usage: node --import tsx bench/generate.ts OUT_DIR [--people N]');
    process.exit(2);
  }
  const flag = process.argv.indexOf('--people');
  const people = flag > 0 ? Number(process.argv[flag + 1]) : 2400;
  const generated = await generateProfile(path.resolve(out), people);
  console.log(
    `Wrote ${String(generated.files)} data files (${String(generated.entities)} entities) to ${generated.root}`,
  );
}
