// The response planner in-process, without sockets: nanoseconds per `respond()` call for the
// person's document in Turtle, HTML (a browser's Accept) and JSON-LD, gzip/br accepted, next
// to a bare table lookup of the same bytes. What the hot path spends on negotiation, lookup
// and headers per request, independent of the network stack and the load generator.
// Run: node --import tsx bench/respond.ts (also part of npm run bench)
import { renderResource } from '../src/publish/site.js';
import { respond } from '../src/http/respond.js';
import { buildBundledSite } from '../test/support/server.js';

/** One row: the Accept header's name and the nanoseconds per call of each variant. */
export interface RespondRow {
  format: string;
  respondNs: number;
  lookupNs: number;
}

const ACCEPTS: readonly (readonly [string, string])[] = [
  ['turtle', 'text/turtle'],
  ['html', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
  ['jsonld', 'application/ld+json'],
];

const WARM = 200_000;
const CALLS = 500_000;

function nsPerCall(run: () => unknown): number {
  for (let i = 0; i < WARM; i++) run();
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) run();
  return ((performance.now() - started) * 1e6) / CALLS;
}

export async function benchRespond(): Promise<RespondRow[]> {
  const site = await buildBundledSite({}, { renderOnDemand: { maxBytes: 256 * 1024 * 1024 } });
  const path = '/people/sheng-zha';
  const person = site.resources.get(path);
  if (person) await renderResource(person);
  const rows: RespondRow[] = [];
  for (const [format, accept] of ACCEPTS) {
    const request = {
      method: 'GET',
      url: path,
      headers: { accept, 'accept-encoding': 'gzip, deflate, br', host: 'localhost' },
    };
    const plan = respond(site, request);
    const table = new Map([[path, plan]]);
    rows.push({
      format,
      respondNs: nsPerCall(() => respond(site, request)),
      lookupNs: nsPerCall(() => table.get(request.url)),
    });
  }
  return rows;
}

export function printRespond(rows: readonly RespondRow[]): void {
  console.log('\nrespond() in-process, ns per call (a bare Map lookup for reference):');
  console.log('format   respond   lookup');
  for (const row of rows) {
    console.log(
      `${row.format.padEnd(7)} ${row.respondNs.toFixed(0).padStart(8)} ${row.lookupNs.toFixed(0).padStart(8)}`,
    );
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) printRespond(await benchRespond());
