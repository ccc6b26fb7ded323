// The Accept parser on long headers (issue #15 item 12): the cost of one parse as the header
// grows, up to the 4096-character bound and past it (refused before any scan). A linear
// parser doubles its time when the header doubles; a refused header costs about nothing.
// Run: node --import tsx bench/accept.ts (also part of npm run bench)
import { parseAcceptCached } from '../src/http/accept.js';

/** One row: header length, ranges in it, microseconds per parse, and whether it was refused. */
export interface AcceptRow {
  length: number;
  microseconds: number;
  refused: boolean;
}

/** Distinct headers per size, so the parser's memo never answers. */
const REPEATS = 2_000;

function header(length: number, salt: number): string {
  // Few ranges with long parameters: stays under the 64-range bound up to 4096 characters,
  // so the scan itself is what is measured.
  const range = `text/turtle;q=0.5;p="${salt}`;
  return `${range}${'x'.repeat(Math.max(0, length - range.length - 1))}"`;
}

export function benchAccept(): AcceptRow[] {
  const rows: AcceptRow[] = [];
  const lengths = [256, 512, 1024, 2048, 4096, 15_000, 100_000];
  // Warm up the JIT on every size first, so the first row does not pay for compilation.
  for (const length of lengths) {
    for (let i = 0; i < REPEATS; i++) parseAcceptCached(header(length, -1 - i));
  }
  for (const length of lengths) {
    // Fresh strings for the measured pass: the memo keys on the text.
    const headers = Array.from({ length: REPEATS }, (_, i) => header(length, i));
    let refused = false;
    const started = performance.now();
    for (const text of headers) refused = !parseAcceptCached(text).ok;
    const elapsed = performance.now() - started;
    rows.push({ length, microseconds: (elapsed * 1000) / REPEATS, refused });
  }
  return rows;
}

export function printAccept(rows: readonly AcceptRow[]): void {
  console.log('\nAccept header parse, µs per header (fresh headers, no memo):');
  console.log('  chars     µs   refused');
  for (const row of rows) {
    console.log(
      `${String(row.length).padStart(7)} ${row.microseconds.toFixed(2).padStart(6)}   ${row.refused ? 'yes (400)' : 'no'}`,
    );
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) printAccept(benchAccept());
