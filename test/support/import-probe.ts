import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** What importing one module loaded, seen from a fresh Node process. */
export interface ImportProbe {
  /** Milliseconds the `await import()` took (module graph loaded and evaluated). */
  ms: number;
  /** Absolute paths of every module file the import loaded, ES modules and CommonJS alike. */
  files: string[];
  /** npm packages the files belong to (`express`, `@comunica/actor-init-query`…). */
  packages: string[];
}

/** Options for {@link probeImport}. */
export interface ProbeOptions {
  /** The folder the child runs in: bare specifiers resolve from it (self-reference included). */
  cwd: string;
  /** Node flags before the script, such as `--import tsx` to import TypeScript sources. */
  nodeArgs?: readonly string[];
  /** Also list the files loaded; without it only the time is measured, with no hooks running. */
  inspect?: boolean;
}

// Module customization hooks (Node ≥ 20.6) run in their own thread: each URL the ES module
// loader loads is posted back to the main thread. CommonJS files required from CommonJS never
// reach these hooks, so they are read from require.cache, minus what was there before.
const HOOKS = `
let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) { port.postMessage(url); return next(url, context); }
`;

const FLUSH = 'data:text/javascript,export%20default%201';

function childScript(specifier: string, inspect: boolean): string {
  if (!inspect) {
    return `
const started = performance.now();
await import(${JSON.stringify(specifier)});
process.stdout.write(JSON.stringify({ ms: performance.now() - started, urls: [], cjs: [] }));
`;
  }
  return `
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const urls = [];
let flushed;
const done = new Promise((resolve) => { flushed = resolve; });
port1.on('message', (url) => { if (url === ${JSON.stringify(FLUSH)}) flushed(); else urls.push(url); });
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}), {
  data: { port: port2 },
  transferList: [port2],
});
const cache = createRequire(import.meta.url).cache;
const before = new Set(Object.keys(cache));
const started = performance.now();
await import(${JSON.stringify(specifier)});
const ms = performance.now() - started;
// The hooks thread posts in order: once this import's URL arrives, every earlier one has.
await import(${JSON.stringify(FLUSH)});
await done;
port1.close();
const cjs = Object.keys(cache).filter((file) => !before.has(file));
process.stdout.write(JSON.stringify({ ms, urls, cjs }));
`;
}

/** The npm package a file belongs to: the name after its last `node_modules/`. */
export function packageOf(file: string): string | undefined {
  const at = file.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const [first = '', second = ''] = file.slice(at + '/node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/**
 * Imports `specifier` in a fresh Node process and reports how long the import took and, with
 * `inspect`, which files and packages it loaded. Rejects when the child fails.
 */
export async function probeImport(specifier: string, options: ProbeOptions): Promise<ImportProbe> {
  const inspect = options.inspect ?? true;
  const { stdout } = await exec(
    process.execPath,
    [...(options.nodeArgs ?? []), '--input-type=module', '-e', childScript(specifier, inspect)],
    { cwd: options.cwd, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
  );
  const { ms, urls, cjs } = JSON.parse(stdout) as { ms: number; urls: string[]; cjs: string[] };
  const files = new Set<string>(cjs);
  for (const url of urls) {
    if (url.startsWith('file:')) files.add(fileURLToPath(url));
  }
  const packages = new Set<string>();
  for (const file of files) {
    const name = packageOf(file);
    if (name !== undefined) packages.add(name);
  }
  return {
    ms,
    files: [...files].sort(),
    packages: [...packages].sort(),
  };
}
