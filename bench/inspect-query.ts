// The query scanner on adversarial words: `inspectQuery` (which runs on the request thread)
// against the trailing-dot pattern it used to apply, `/\.+$/`, which retries a run of dots from
// every dot (quadratic). Run: node --import tsx bench/inspect-query.ts
import { inspectQuery } from '../src/sparql/inspect-query.js';

const time = (run: () => unknown): number => {
  const started = performance.now();
  run();
  return performance.now() - started;
};

console.log('dots      inspectQuery ms   /\\.+$/ replace ms');
for (const size of [10_000, 30_000, 100_000]) {
  const word = `a${'.'.repeat(size)}b`;
  const query = `SELECT * WHERE { ?s ?p ${word} }`;
  const scanner = time(() => inspectQuery(query));
  const pattern = time(() => word.replace(/\.+$/, ''));
  console.log(
    `${String(size).padStart(7)}   ${scanner.toFixed(1).padStart(14)}   ${pattern.toFixed(1).padStart(18)}`,
  );
}
