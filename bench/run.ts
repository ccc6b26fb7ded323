// `npm run bench`: every benchmark, printed as tables of ratios measured side by side in one
// run (absolute numbers vary with the machine; ratios are what the project's goals are about).
import { mkdir, writeFile } from 'node:fs/promises';
import { benchBuild, printBuild } from './build.js';
import { benchServe, printServe } from './serve.js';
import { benchEndpoint, benchEngines, printEndpoint, printEngines } from './sparql.js';

const serve = await benchServe();
printServe(serve);
const sparql = { engines: await benchEngines(), endpoint: await benchEndpoint() };
printEngines(sparql.engines);
printEndpoint(sparql.endpoint);
const build = await benchBuild();
printBuild(build);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(
  `./results/${new Date().toISOString().replaceAll(':', '-')}.json`,
  import.meta.url,
);
await writeFile(file, `${JSON.stringify({ serve, sparql, build }, null, 2)}\n`);
console.log(`\nResults written to ${file.pathname}`);
