// The profile this repository publishes (data/ and profile-graph.config.json, two folders up),
// as one linked graph in a <script type="application/ld+json"> element, built with
// profile-graph/embed. It runs at build time only: the page ships no JavaScript.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createGraph, jsonLdScript } from 'profile-graph/embed';

/** The repository root: `astro build` runs in examples/astro. */
const REPOSITORY = path.resolve(process.cwd(), '../..');

interface Config {
  baseUrl: string;
  data: string;
}

/**
 * Every data file, added to one graph whose `@id`s resolve against the profile's base URL (as
 * `profile-graph convert --data data` resolves them), plus the page's dateModified: the build
 * date, or SOURCE_DATE_EPOCH's for a reproducible build. Throws with the builder's diagnostics
 * when the data cannot make one linked graph.
 */
export async function profileScript(): Promise<string> {
  const config = JSON.parse(
    await readFile(path.join(REPOSITORY, 'profile-graph.config.json'), 'utf8'),
  ) as Config;
  const data = path.join(REPOSITORY, config.data);
  const files = (await readdir(data, { recursive: true }))
    .filter((file) => /\.json(ld)?$/.test(file))
    .sort();
  const graph = createGraph({ base: config.baseUrl });
  for (const file of files) graph.add(JSON.parse(await readFile(path.join(data, file), 'utf8')));
  graph.add({ '@type': 'ProfilePage', '@id': '', dateModified: buildDate() });
  const built = graph.build();
  if (!built.ok) {
    const problems = built.diagnostics.map((d) => `${d.code}: ${d.message}`);
    throw new Error(`The profile is not one linked graph:\n${problems.join('\n')}`);
  }
  return jsonLdScript(built.graph);
}

/** The UTC calendar day of the build (SOURCE_DATE_EPOCH, seconds, when set). */
function buildDate(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = epoch === undefined ? new Date() : new Date(Number(epoch) * 1000);
  return date.toISOString().slice(0, 10);
}
