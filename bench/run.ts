// `npm run bench`: every benchmark, printed as tables of ratios measured side by side in one
// run (absolute numbers vary with the machine; ratios are what the project's goals are about):
// the serving hot path against node:http, the Accept parser on long headers, the SPARQL engines, then the scale suite (validate,
// build and serve of 10, 1,000 and 10,000 synthetic people; `--full` adds 100,000), and the
// pathological small inputs (bench/pathological.ts).
// Run: npm run bench [-- --full] [-- --sizes 10,1000] [-- --build-max N]
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { benchAccept, printAccept } from './accept.js';
import { benchPathological, printPathological } from './pathological.js';
import { benchRespond, printRespond } from './respond.js';
import { benchScale, printScale } from './scale.js';
import { benchServe, printServe } from './serve.js';
import { benchEndpoint, benchEngines, printEndpoint, printEngines } from './sparql.js';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean' },
    sizes: { type: 'string' },
    'build-max': { type: 'string' },
  },
});

const serve = await benchServe();
printServe(serve);
const accept = benchAccept();
printAccept(accept);
const planner = await benchRespond();
printRespond(planner);
const sparql = { engines: await benchEngines(), endpoint: await benchEndpoint() };
printEngines(sparql.engines);
printEndpoint(sparql.endpoint);
const scale = await benchScale({
  full: values.full ?? false,
  ...(values.sizes === undefined ? {} : { sizes: values.sizes.split(',').map(Number) }),
  ...(values['build-max'] === undefined ? {} : { buildMaxPeople: Number(values['build-max']) }),
});
printScale(scale);
const pathological = await benchPathological();
printPathological(pathological);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(
  `./results/${new Date().toISOString().replaceAll(':', '-')}.json`,
  import.meta.url,
);
await writeFile(
  file,
  `${JSON.stringify({ serve, accept, planner, sparql, pathological }, null, 2)}\n`,
);
console.log(
  `\nResults written to ${file.pathname} and ${scale.file ?? 'bench/results/scale-*.json'}`,
);
