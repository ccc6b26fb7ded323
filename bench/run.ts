// `npm run bench`: every benchmark, printed as tables of ratios measured side by side in one
// run (absolute numbers vary with the machine; ratios are what the project's goals are about).
import { mkdir, writeFile } from 'node:fs/promises';
import { benchServe, printServe } from './serve.js';

const serve = await benchServe();
printServe(serve);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(
  `./results/${new Date().toISOString().replaceAll(':', '-')}.json`,
  import.meta.url,
);
await writeFile(file, `${JSON.stringify({ serve }, null, 2)}\n`);
console.log(`\nResults written to ${file.pathname}`);
