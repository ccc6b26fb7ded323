import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Debian's Virtuoso (the `virtuoso-opensource` package, which .ci/run installs), started for a
 * test: unprivileged on 127.0.0.1, its database in a temporary folder, on two free ports.
 */
export interface Virtuoso {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The Graph Store Protocol endpoint that takes digest auth (`dba`/`dba` on a fresh database). */
  graphStore: string;
  /** The anonymous, read-only SPARQL endpoint. */
  sparql: string;
  /** The SPARQL endpoint that takes digest auth and runs updates. */
  update: string;
  /** The administrator's credentials on a fresh database. */
  user: string;
  password: string;
  /** Its database folder (holds virtuoso.log). */
  dir: string;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/** Debian's server binary, or VIRTUOSO_PATH. */
export const VIRTUOSO = process.env.VIRTUOSO_PATH ?? '/usr/bin/virtuoso-t';
const INI = process.env.VIRTUOSO_INI ?? '/etc/virtuoso-opensource-7/virtuoso.ini';

/**
 * Why Virtuoso tests cannot run here (`undefined` when they can). Locally they skip with this
 * one line as the reason; under CI (CI=true) a missing server throws, failing the run, since
 * .ci/run installs the package.
 */
export function virtuosoMissing(): string | undefined {
  const probe = spawnSync(VIRTUOSO, ['--help'], { stdio: 'ignore' });
  if (probe.error === undefined) return undefined;
  const reason = `virtuoso-t not found at ${VIRTUOSO} (apt-get install virtuoso-opensource)`;
  if (process.env.CI === 'true') throw new Error(`${reason}; .ci/run must install it`);
  return reason;
}

/** A fresh database takes 20-30 s to initialise on a loaded machine; allow for more. */
export const VIRTUOSO_START_MS = 120_000;

/** Settings changed from Debian's virtuoso.ini. */
export interface VirtuosoOptions {
  /** `ResultSetMaxRows` ([SPARQL]): 10,000 in Debian's file, a cap on every SPARQL result. */
  maxRows?: number;
  /**
   * `TransactionAfterImageLimit` ([Parameters]), in bytes: what one transaction may write.
   * The default stops replacing a graph of 2 million triples in one transaction.
   */
  transactionBytes?: number;
  /**
   * `MaxQueryExecutionTime` ([SPARQL]), in seconds; 0 lifts it. Debian's 60 s bounds every
   * request to `/sparql-auth` as well, updates included: a longer `MOVE` ends in
   * `SR171: Transaction timed out`.
   */
  queryExecutionSeconds?: number;
}

/**
 * Starts Virtuoso on a copy of the packaged virtuoso.ini whose files live in a new temporary
 * folder and whose SQL and HTTP ports are free ones, then waits until its SPARQL endpoint
 * answers. `maxRows` raises `ResultSetMaxRows` (10,000 in Debian's file), which caps every
 * SPARQL result. Rejects, with the end of its log, when it exits or is not ready in
 * {@link VIRTUOSO_START_MS}.
 */
export async function startVirtuoso(options: VirtuosoOptions = {}): Promise<Virtuoso> {
  const dir = await mkdtemp(path.join(tmpdir(), 'profile-graph-virtuoso-'));
  const [sqlPort, httpPort] = [await freePort(), await freePort()];
  const ini = configure(await readFile(INI, 'utf8'), dir, sqlPort, httpPort, options);
  await writeFile(path.join(dir, 'virtuoso.ini'), ini);
  let output = '';
  const child = spawn(VIRTUOSO, ['+configfile', 'virtuoso.ini', '+foreground'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = `${output}${chunk.toString('utf8')}`.slice(-4000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const origin = `http://127.0.0.1:${String(httpPort)}`;
  const stop = () => stopChild(child, dir);
  try {
    await waitUntilReady(origin, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    origin,
    graphStore: `${origin}/sparql-graph-crud-auth`,
    sparql: `${origin}/sparql`,
    update: `${origin}/sparql-auth`,
    user: 'dba',
    password: 'dba',
    dir,
    stop,
  };
}

function configure(
  ini: string,
  dir: string,
  sqlPort: number,
  httpPort: number,
  options: VirtuosoOptions,
): string {
  let changed = ini.replaceAll('/var/lib/virtuoso-opensource-7/db/', `${dir}/`);
  let ports = 0;
  // The first ServerPort is [Parameters]' SQL port, the second [HTTPServer]'s.
  changed = changed.replace(/^(ServerPort\s*=\s*)\d+/gm, (_line, key: string) => {
    ports += 1;
    return `${key}${String(ports === 1 ? sqlPort : httpPort)}`;
  });
  if (ports !== 2) throw new Error(`expected two ServerPort lines in ${INI}, found ${ports}`);
  // Only on 127.0.0.1: the default listens on every interface.
  changed = changed.replace(/^(ServerPort\s*=\s*)(\d+)/gm, '$1127.0.0.1:$2');
  if (options.maxRows !== undefined)
    changed = changed.replace(/^(ResultSetMaxRows\s*=\s*)\d+/m, `$1${String(options.maxRows)}`);
  if (options.queryExecutionSeconds !== undefined)
    changed = changed.replace(
      /^(MaxQueryExecutionTime\s*=\s*)\d+/m,
      `$1${String(options.queryExecutionSeconds)}`,
    );
  if (options.transactionBytes !== undefined) {
    // Not in Debian's file: added at the top of its section.
    if (!/^\[Parameters\]$/m.test(changed)) throw new Error(`no [Parameters] section in ${INI}`);
    changed = changed.replace(
      /^\[Parameters\]$/m,
      `[Parameters]\nTransactionAfterImageLimit = ${String(options.transactionBytes)}`,
    );
  }
  return changed;
}

async function waitUntilReady(
  origin: string,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + VIRTUOSO_START_MS;
  const state = { exited: false };
  child.once('exit', () => {
    state.exited = true;
  });
  while (Date.now() < deadline) {
    if (state.exited) throw new Error(`virtuoso-t exited before it was ready:\n${log()}`);
    try {
      const response = await fetch(`${origin}/sparql?query=${encodeURIComponent('ASK {}')}`, {
        signal: AbortSignal.timeout(2000),
      });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`virtuoso-t was not ready in ${VIRTUOSO_START_MS} ms:\n${log()}`);
}

async function stopChild(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await rm(dir, { recursive: true, force: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}
