// `npm run bench`: every benchmark, printed as tables of ratios measured side by side in one
// run (absolute numbers vary with the machine; ratios are what the project's goals are about):
// the serving hot path against node:http, the Accept parser and the response planner, the SPARQL
// engines, then the scale suite (validate, build and serve of 10, 1,000 and 10,000 synthetic
// people; `--full` adds 100,000), and the
// pathological small inputs (bench/pathological.ts), /robots.txt latency during reloads of one
// of them, in-thread against in the pipeline worker (bench/reload.ts), then the hardening load
// test (bench/hardening.ts). `--only NAME[,NAME]` runs some of them: serve, sparql, scale,
// pathological, reload, hardening, accept, respond, validate-cold (cold `validate` of the
// bundled profile, bench/validate-cold.ts; `--runs N`, `--baseline DIR` to compare with another
// build), push (bench/push.ts: push into Virtuoso), imports (bench/imports.ts: import time and
// modules loaded of each entry point, after `npm run build`), html-pages (bench/html-pages.ts: a
// built site of 10,000 generated pages validated as loose input; `--pages N`).
// Run: npm run bench [-- --full] [-- --sizes 10,1000] [-- --build-max N] [-- --only hardening]
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { benchAccept, printAccept } from './accept.js';
import { benchHardening, printHardening } from './hardening.js';
import { benchHtmlPages, printHtmlPages } from './html-pages.js';
import { benchImports, printImports } from './imports.js';
import { benchPathological, printPathological } from './pathological.js';
import { benchPush, printPush } from './push.js';
import { benchRespond, printRespond } from './respond.js';
import { benchReload, printReload } from './reload.js';
import { benchScale, printScale } from './scale.js';
import { benchServe, printServe } from './serve.js';
import { benchValidateCold, printValidateCold } from './validate-cold.js';
import { benchEndpoint, benchEngines, printEndpoint, printEngines } from './sparql.js';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean' },
    sizes: { type: 'string' },
    'build-max': { type: 'string' },
    only: { type: 'string' },
    runs: { type: 'string' },
    baseline: { type: 'string' },
    pages: { type: 'string' },
    // Read by bench/serve.ts from process.argv (see its header).
    duration: { type: 'string' },
    repeat: { type: 'string' },
    connections: { type: 'string' },
    formats: { type: 'string' },
    express: { type: 'boolean' },
    'raw-built': { type: 'boolean' },
  },
});
const only = values.only?.split(',');
const wanted = (name: string) => only === undefined || only.includes(name);

const validateCold = wanted('validate-cold')
  ? await benchValidateCold({
      ...(values.runs === undefined ? {} : { runs: Number(values.runs) }),
      baseline: values.baseline,
    })
  : undefined;
if (validateCold) printValidateCold(validateCold);
const imports = wanted('imports')
  ? await benchImports(values.runs === undefined ? {} : { runs: Number(values.runs) })
  : undefined;
if (imports) printImports(imports);
const serve = wanted('serve') ? await benchServe() : undefined;
if (serve) printServe(serve);
const accept = wanted('accept') ? benchAccept() : undefined;
if (accept) printAccept(accept);
const planner = wanted('respond') ? await benchRespond() : undefined;
if (planner) printRespond(planner);
const sparql = wanted('sparql')
  ? { engines: await benchEngines(), endpoint: await benchEndpoint() }
  : undefined;
if (sparql) {
  printEngines(sparql.engines);
  printEndpoint(sparql.endpoint);
}
const scale = wanted('scale')
  ? await benchScale({
      full: values.full ?? false,
      ...(values.sizes === undefined ? {} : { sizes: values.sizes.split(',').map(Number) }),
      ...(values['build-max'] === undefined ? {} : { buildMaxPeople: Number(values['build-max']) }),
    })
  : undefined;
if (scale) printScale(scale);
const pathological = wanted('pathological') ? await benchPathological() : undefined;
if (pathological) printPathological(pathological);
const reload = wanted('reload') ? await benchReload() : undefined;
if (reload) printReload(reload);
const hardening = wanted('hardening') ? await benchHardening() : undefined;
if (hardening) printHardening(hardening);
const push = wanted('push')
  ? await benchPush(values.sizes === undefined ? undefined : values.sizes.split(',').map(Number))
  : undefined;
if (push) printPush(push);
const htmlPages = wanted('html-pages')
  ? await benchHtmlPages(values.pages === undefined ? undefined : Number(values.pages))
  : undefined;
if (htmlPages) printHtmlPages(htmlPages);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(
  `./results/${new Date().toISOString().replaceAll(':', '-')}.json`,
  import.meta.url,
);
await writeFile(
  file,
  `${JSON.stringify({ validateCold, imports, serve, accept, planner, sparql, pathological, reload, hardening, push, htmlPages }, null, 2)}\n`,
);
console.log(
  `\nResults written to ${file.pathname}${scale ? ` and ${scale.file ?? 'bench/results/scale-*.json'}` : ''}`,
);
