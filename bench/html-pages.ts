// A built site of generated HTML pages validated as loose input (issue #13 item 6: 10,000 pages
// in under 30 s): `node dist/bin.js validate SITE --timings FILE` in a fresh process, from spawn
// to exit. Each page carries a Yoast-shaped @graph (WebPage, BreadcrumbList, WebSite,
// Organization, Person) in <head>; every 100th page misspells "jobTitle", so the report must hold
// exactly pages / 100 findings, each on its own page: a fast run that finds something else fails.
// Run: npm run bench -- --only html-pages [--pages 10000]
//   or node --import tsx bench/html-pages.ts [--pages 10000]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SITE = 'https://blog.example/';
const GOAL_MS = 30_000;
const TYPO_EVERY = 100;
const TIME = '/usr/bin/time';

/** What {@link benchHtmlPages} measured. */
export interface HtmlPagesResult {
  pages: number;
  /** Spawn to exit. */
  wallMs: number;
  /**
   * User + system CPU of the process and its threads; undefined without /usr/bin/time. On a
   * shared, loaded machine it varies far less than wall time does.
   */
  cpuMs: number | undefined;
  /** The command's --timings: its stages, its own span and peak memory. */
  stages: Record<string, number>;
  totalMs: number;
  peakRssMb: number;
  /** Whether the report held exactly the planted findings. */
  expectedReport: boolean;
  goalMs: number;
}

/** One generated page: a blog post with the graph Yoast emits in its <head>. */
export function page(index: number): string {
  const url = `${SITE}posts/${String(index)}/`;
  const graph = {
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'WebPage',
        '@id': url,
        url,
        name: `Post ${String(index)}`,
        isPartOf: { '@id': `${SITE}#website` },
        breadcrumb: { '@id': `${url}#breadcrumb` },
        author: { '@id': `${SITE}#/schema/person/${String(index % 50)}` },
      },
      {
        '@type': 'BreadcrumbList',
        '@id': `${url}#breadcrumb`,
        itemListElement: [
          { '@type': 'ListItem', position: 1, name: 'Home', item: { '@id': SITE } },
          { '@type': 'ListItem', position: 2, name: `Post ${String(index)}` },
        ],
      },
      {
        '@type': 'WebSite',
        '@id': `${SITE}#website`,
        url: SITE,
        name: 'Example Blog',
        publisher: { '@id': `${SITE}#organization` },
      },
      { '@type': 'Organization', '@id': `${SITE}#organization`, name: 'Example', url: SITE },
      {
        '@type': 'Person',
        '@id': `${SITE}#/schema/person/${String(index % 50)}`,
        name: `Author ${String(index % 50)}`,
        [index % TYPO_EVERY === 0 ? 'jobtitle' : 'jobTitle']: 'Writer',
      },
    ],
  };
  return `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8" />
<title>Post ${String(index)} - Example Blog</title>
<script type="application/ld+json" class="yoast-schema-graph">${JSON.stringify(graph)}</script>
</head>
<body><article><h1>Post ${String(index)}</h1><p>${'Text. '.repeat(200)}</p></article></body>
</html>
`;
}

/** Generates `pages` pages under a scratch site folder, validates it once, and reports. */
export async function benchHtmlPages(pages = 10_000): Promise<HtmlPagesResult> {
  const bin = path.join(REPO, 'dist', 'bin.js');
  if (!existsSync(bin)) throw new Error(`${bin} not found: run \`npm run build\` first.`);
  const scratch = await mkdtemp(path.join(tmpdir(), 'html-pages-'));
  try {
    const site = path.join(scratch, '_site');
    for (let index = 0; index < pages; index++) {
      const folder = path.join(site, 'posts', String(index));
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, 'index.html'), page(index));
    }
    const timingsFile = path.join(scratch, 'timings.json');
    const cpuFile = path.join(scratch, 'cpu.txt');
    const timed = existsSync(TIME);
    const command = [
      process.execPath,
      bin,
      'validate',
      '_site',
      '--shapes',
      path.join(REPO, 'shapes'),
      '--format',
      'json',
      '--timings',
      timingsFile,
    ];
    const started = performance.now();
    const [file = '', ...args] = timed ? [TIME, '-f', '%U %S', '-o', cpuFile, ...command] : command;
    const { code, stdout } = await run(file, args, scratch);
    const wallMs = performance.now() - started;
    const [user = 0, system = 0] = timed
      ? // The last line: time(1) writes "Command exited with non-zero status 1" above it.
        ((await readFile(cpuFile, 'utf8')).trim().split('\n').at(-1) ?? '').split(/\s+/).map(Number)
      : [];
    const timings = JSON.parse(await readFile(timingsFile, 'utf8')) as {
      stages: Record<string, number>;
      totalMs: number;
      peakRssBytes: number;
    };
    const found = JSON.parse(stdout) as { code: string; file: string }[];
    const planted = Math.ceil(pages / TYPO_EVERY);
    const expectedReport =
      code === 1 &&
      found.length === planted &&
      new Set(found.map((finding) => finding.file)).size === planted &&
      found.every((finding) => finding.code === 'vocab/unknown-property');
    return {
      pages,
      wallMs,
      cpuMs: timed ? (user + system) * 1000 : undefined,
      stages: timings.stages,
      totalMs: timings.totalMs,
      peakRssMb: timings.peakRssBytes / 2 ** 20,
      expectedReport,
      goalMs: GOAL_MS,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function run(
  file: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

/** Prints the figure and whether it meets the goal. */
export function printHtmlPages(result: HtmlPagesResult): void {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(`\nvalidate ${String(result.pages)} HTML pages (goal: under ${ms(result.goalMs)})`);
  console.log(
    `  wall ${ms(result.wallMs)}, command ${ms(result.totalMs)}, CPU (user + sys) ${result.cpuMs === undefined ? '-' : ms(result.cpuMs)}, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
  );
  console.log(
    `  stages: ${Object.entries(result.stages)
      .map(([stage, value]) => `${stage} ${ms(value)}`)
      .join(', ')}`,
  );
  console.log(`  report as planted: ${result.expectedReport ? 'yes' : 'NO'}`);
  console.log(`  ${result.wallMs < result.goalMs ? 'meets' : 'MISSES'} the goal`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { pages: { type: 'string' } } });
  printHtmlPages(
    await benchHtmlPages(values.pages === undefined ? undefined : Number(values.pages)),
  );
}
