import { cp, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { capturedIo } from '../support/captured-io.js';
import { REPO_ROOT } from '../support/profile.js';

/** Polls until `check` passes or the deadline passes (file watching is asynchronous). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met in time');
}

async function copyProfile(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pg-serve-'));
  await cp(path.join(REPO_ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
  await cp(path.join(REPO_ROOT, 'shapes'), path.join(dir, 'shapes'), { recursive: true });
  await cp(
    path.join(REPO_ROOT, 'profile-graph.config.json'),
    path.join(dir, 'profile-graph.config.json'),
  );
  return dir;
}

/** Listens on a free port of 127.0.0.1 (to keep it busy, or close it to reuse its number). */
async function listenOnFreePort(): Promise<{ port: number; blocker: Server }> {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return { port: address.port, blocker };
}

/** A person knowing `count` inline people, each failing the shapes (no jobTitle). */
function slowProfile(count: number): string {
  return JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'Person',
    '@id': 'people/slow#id',
    name: 'Slow',
    description: 'Knows many.',
    jobTitle: 'Analyst',
    knows: Array.from({ length: count }, (_, i) => ({
      '@type': 'Person',
      name: `Friend ${String(i)}`,
      description: 'A friend.',
    })),
  });
}

function startServe(cwd: string, extra: string[] = [], options = { quiet: true }) {
  let stop: () => void = () => undefined;
  const shutdown = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const io = capturedIo({ cwd, shutdown });
  const port = extra.includes('--port') ? [] : ['--port', '0'];
  const exit = main(['serve', ...port, ...(options.quiet ? ['--quiet'] : []), ...extra], io);
  return { io, exit, stop };
}

async function originOf(io: { out: string; err: string }): Promise<string> {
  await eventually(() => Promise.resolve(/Serving .* at (http:\/\/\S+?)\//.test(io.out))).catch(
    (error: unknown) => {
      throw new Error(`${String(error)}: out=${io.out} err=${io.err}`);
    },
  );
  return /Serving .* at (http:\/\/\S+?)\//.exec(io.out)?.[1] ?? '';
}

describe('profile-graph serve', { timeout: 120_000 }, () => {
  it('serves the profile and shuts down cleanly on request', async () => {
    const dir = await copyProfile();
    const { io, exit, stop } = startServe(dir, ['--timings', 'timings.json']);
    const origin = await originOf(io);
    // Written once listening: start-up is validation and splitting, not rendering.
    const timings = JSON.parse(await readFile(path.join(dir, 'timings.json'), 'utf8')) as {
      command: string;
      stages: Record<string, number>;
    };
    expect(timings.command).toBe('serve');
    expect(Object.keys(timings.stages).slice(-2)).toEqual(['render', 'listen']);
    const reply = await fetch(`${origin}/people/sheng-zha`, { headers: { accept: 'text/turtle' } });
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain('schema:name "Sheng Zha"');
    stop();
    expect(await exit).toBe(0);
    // A copy outside git: the page gets dateModified from the files' mtimes but no dateCreated.
    expect(io.out).toMatch(
      /^Serving 25 documents \(170 triples, 6 warnings: run validate\) at http:\/\/127\.0\.0\.1:\d+\/ for http:\/\/localhost:8080\/\n/,
    );
  });

  it('starts from the cache of the last good run: the graph layers are skipped until an edit', async () => {
    const dir = await copyProfile();
    /** Starts serve, waits until it serves, stops it: its first line and the stages it ran. */
    const start = async (extra: string[]) => {
      const { io, exit, stop } = startServe(dir, ['--timings', 'timings.json', ...extra]);
      await originOf(io);
      stop();
      expect(await exit).toBe(0);
      const timings = JSON.parse(await readFile(path.join(dir, 'timings.json'), 'utf8')) as {
        stages: Record<string, number>;
      };
      return {
        line: (io.out.split('\n')[0] ?? '').replace(/127\.0\.0\.1:\d+/, 'PORT'),
        graphLayers: ['vocabulary', 'integrity', 'shacl'].filter((s) => s in timings.stages),
      };
    };
    const cold = await start([]);
    expect(cold.graphLayers).toEqual(['vocabulary', 'integrity', 'shacl']);
    expect(cold.line).toBe(
      'Serving 25 documents (170 triples, 6 warnings: run validate) at http://PORT/ for http://localhost:8080/',
    );
    // Unchanged input: what the last good run found, without running the graph layers.
    expect(await start([])).toEqual({ ...cold, graphLayers: [] });
    // --no-cache neither reads nor writes it.
    expect(await start(['--no-cache'])).toEqual(cold);
    // An edit invalidates it: the graph layers run again, on the edited graph.
    const file = path.join(dir, 'data/people/sheng-zha.jsonld');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('"Sheng Zha"', '"Sheng Zha (edited)"'),
    );
    expect(await start([])).toEqual(cold);
    // --cache DIR keeps its own: empty at first, then warm.
    expect(await start(['--cache', 'elsewhere'])).toEqual(cold);
    expect(await start(['--cache', 'elsewhere'])).toEqual({ ...cold, graphLayers: [] });
  }, 300_000);

  it('refuses to start on invalid data, printing the located diagnostics (exit 1)', async () => {
    const dir = await copyProfile();
    await writeFile(
      path.join(dir, 'data/people/sheng-zha.jsonld'),
      '{ "@context": "https://schema.org", ',
    );
    const { io, exit } = startServe(dir);
    expect(await exit).toBe(1);
    expect(io.err).toContain('data/people/sheng-zha.jsonld:1:');
    expect(io.err).toContain('error syntax/invalid-json');
  });

  it('--watch: a valid edit is served; an invalid edit keeps the last good site serving', async () => {
    const dir = await copyProfile();
    const { io, exit, stop } = startServe(dir, ['--watch']);
    const origin = await originOf(io);
    await eventually(() =>
      Promise.resolve(io.out.includes('Watching data and shapes for changes.')),
    );
    const org = path.join(dir, 'data/organizations/amazon.jsonld');
    const original = await readFile(org, 'utf8');
    // An editor's save: a temp file renamed over the original.
    await writeFile(`${org}.tmp`, original.replace('"Amazon"', '"Amazon.com"'));
    await rename(`${org}.tmp`, org);
    await eventually(async () =>
      (await (await fetch(`${origin}/organizations/amazon.ttl`)).text()).includes('"Amazon.com"'),
    );
    expect(io.out).toMatch(
      /Reloaded after \d changes?: [^\n]*data\/organizations\/amazon\.jsonld[^\n]*: 25 documents, 170 triples\n/,
    );

    await writeFile(org, original.replace('"name": "Amazon"', '"name": "Amazon",,'));
    await eventually(() => Promise.resolve(io.err.includes('Reload refused')));
    expect(io.err).toContain('data/organizations/amazon.jsonld:');
    const still = await fetch(`${origin}/organizations/amazon.ttl`);
    expect(still.status).toBe(200);
    expect(await still.text()).toContain('"Amazon.com"');
    stop();
    expect(await exit).toBe(0);
  });

  it('--watch: a slow reload runs off the serving thread: no request waits for it', async () => {
    const dir = await copyProfile();
    const { io, exit, stop } = startServe(dir, ['--watch']);
    const origin = await originOf(io);
    await eventually(() =>
      Promise.resolve(io.out.includes('Watching data and shapes for changes.')),
    );
    // Thousands of inline nodes failing SHACL: seconds of validation, much of it one long
    // synchronous stretch that would hold every request were it run on the serving thread.
    await writeFile(path.join(dir, 'data/people/slow.jsonld'), slowProfile(5000));
    await eventually(() => Promise.resolve(io.out.includes('Reloading')));
    const reloadEnded = () => io.err.includes('Reload refused') || io.out.includes('Reloaded');
    // Requests one after another for as long as the reload runs: each is answered while it
    // runs, and none waits for a stretch of its work (compared with the reload's own length,
    // so a slow machine slows both alike).
    const began = performance.now();
    let longestWait = 0;
    let answered = 0;
    while (!reloadEnded()) {
      const sent = performance.now();
      const reply = await fetch(`${origin}/robots.txt`);
      expect(reply.status).toBe(200);
      await reply.text();
      longestWait = Math.max(longestWait, performance.now() - sent);
      answered++;
    }
    const reloadMs = performance.now() - began;
    expect(answered).toBeGreaterThan(1);
    expect(longestWait).toBeLessThan(reloadMs / 4);
    expect(io.err).toContain('data/people/slow.jsonld:');
    expect(io.err).toContain('Reload refused');
    stop();
    expect(await exit).toBe(0);
  });

  it('--reload-timeout: a reload past its budget is stopped with one located line; the last good site keeps serving', async () => {
    const dir = await copyProfile();
    const { io, exit, stop } = startServe(dir, ['--watch', '--reload-timeout', '1']);
    const origin = await originOf(io);
    await eventually(() =>
      Promise.resolve(io.out.includes('Watching data and shapes for changes.')),
    );
    const org = path.join(dir, 'data/organizations/amazon.jsonld');
    const original = await readFile(org, 'utf8');
    await writeFile(org, original.replace('"Amazon"', '"Amazon.com"'));
    await eventually(() => Promise.resolve(io.err.includes('pipeline/timeout')));
    // One line per reload tried (an editor's save may start two), each the same.
    const lines = io.err.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(line).toBe(
        'data error pipeline/timeout Loading and validating the data took longer than 1 ms and was stopped. (find the file that makes validation slow (profile-graph validate --timings FILE), or raise the budget) Still serving the last valid data.',
      );
    const still = await fetch(`${origin}/organizations/amazon.ttl`);
    expect(still.status).toBe(200);
    expect(await still.text()).toContain('"Amazon"');
    stop();
    expect(await exit).toBe(0);

    const bad = capturedIo({ cwd: dir });
    expect(await main(['serve', '--reload-timeout', 'soon'], bad)).toBe(2);
    expect(bad.err).toBe(
      'error usage/invalid serve: --reload-timeout must be a positive whole number, not "soon".\n',
    );
  });

  it('applies --sparql-max-results to the endpoint and rejects a bad limit as a usage error', async () => {
    const dir = await copyProfile();
    const { io, exit, stop } = startServe(dir, ['--sparql-max-results', '1']);
    const origin = await originOf(io);
    const query = encodeURIComponent(
      'SELECT ?org WHERE { ?org a <http://schema.org/Organization> }',
    );
    const reply = await fetch(`${origin}/sparql?query=${query}`, {
      headers: { accept: 'application/sparql-results+json' },
    });
    expect(reply.status).toBe(400);
    expect(await reply.text()).toMatch(/limit/i);
    stop();
    expect(await exit).toBe(0);

    const bad = capturedIo({ cwd: dir });
    expect(await main(['serve', '--sparql-timeout', 'soon'], bad)).toBe(2);
    expect(bad.err).toBe(
      'error usage/invalid serve: --sparql-timeout must be a positive whole number, not "soon".\n',
    );
    const noCache = capturedIo({ cwd: dir });
    expect(await main(['serve', '--cache-mb', '0'], noCache)).toBe(2);
    expect(noCache.err).toBe(
      'error usage/invalid serve: --cache-mb must be a positive whole number, not "0".\n',
    );
  });

  it('applies --sparql-max-bytes to the endpoint', async () => {
    const dir = await copyProfile();
    const { io, exit, stop } = startServe(dir, ['--sparql-max-bytes', '2000']);
    const origin = await originOf(io);
    const query = (text: string) =>
      fetch(`${origin}/sparql?query=${encodeURIComponent(text)}`, {
        headers: { accept: 'application/sparql-results+json' },
      });
    const over = await query('SELECT * WHERE { ?s ?p ?o }');
    expect(over.status).toBe(400);
    expect(over.headers.get('x-error-code')).toBe('sparql/result-too-large');
    expect((await query('SELECT * WHERE { ?s ?p ?o } LIMIT 1')).status).toBe(200);
    stop();
    expect(await exit).toBe(0);
  });

  it('finds a busy port before validating: exit 2, one line', async () => {
    const dir = await copyProfile();
    // Invalid data too: the port is checked first, so that is what is reported.
    await writeFile(path.join(dir, 'data/people/sheng-zha.jsonld'), '{');
    const { port, blocker } = await listenOnFreePort();
    try {
      const io = capturedIo({ cwd: dir });
      expect(await main(['serve', '--port', String(port)], io)).toBe(2);
      expect(io.err).toBe(
        `error serve/port-in-use 127.0.0.1:${String(port)} is already in use; stop the server that holds it or choose another port with --port (0 picks a free one).\n`,
      );
      expect(io.out).toBe('');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('answers 503 with Retry-After while the first validation runs, then serves', async () => {
    const dir = await copyProfile();
    const { port, blocker } = await listenOnFreePort();
    await new Promise((resolve) => blocker.close(resolve));
    const { io, exit, stop } = startServe(dir, ['--port', String(port)]);
    const url = `http://127.0.0.1:${String(port)}/robots.txt`;
    let first: Response | undefined;
    while (first === undefined && !io.out.includes('Serving')) {
      first = await fetch(url).catch(() => undefined);
      if (first === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(first?.status).toBe(503);
    expect(first?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await first?.text()).toMatch(/validat/i);
    await originOf(io);
    expect((await fetch(url)).status).toBe(200);
    stop();
    expect(await exit).toBe(0);
  });

  it('access log: the size column counts the body bytes actually sent', async () => {
    const dir = await copyProfile();
    const { io, exit, stop } = startServe(dir, [], { quiet: false });
    const origin = await originOf(io);
    const identity = { 'accept-encoding': 'identity' };
    const page = await fetch(`${origin}/people/sheng-zha`, {
      headers: { ...identity, accept: 'text/turtle' },
    });
    const pageBytes = (await page.arrayBuffer()).byteLength;
    const query = encodeURIComponent('SELECT * WHERE { ?s ?p ?o } LIMIT 3');
    const result = await fetch(`${origin}/sparql?query=${query}`, {
      headers: { ...identity, accept: 'application/sparql-results+json' },
    });
    const resultBytes = (await result.arrayBuffer()).byteLength;
    await fetch(`${origin}/people/sheng-zha`, { method: 'HEAD', headers: identity });
    await eventually(() => Promise.resolve(io.out.includes('HEAD /people/sheng-zha')));
    stop();
    expect(await exit).toBe(0);
    expect(pageBytes).toBeGreaterThan(0);
    expect(resultBytes).toBeGreaterThan(0);
    expect(io.out).toContain(`GET /people/sheng-zha 200 ${String(pageBytes)} `);
    expect(io.out).toContain(`GET /sparql?query=${query} 200 ${String(resultBytes)} `);
    expect(io.out).toContain('HEAD /people/sheng-zha 200 0 ');
  });

  it('serve --port N without a configured base URL mints links on that port', async () => {
    const dir = await copyProfile();
    const configFile = path.join(dir, 'profile-graph.config.json');
    const { baseUrl: _configured, ...rest } = JSON.parse(await readFile(configFile, 'utf8')) as {
      baseUrl: string;
    };
    await writeFile(configFile, JSON.stringify(rest));
    const { port, blocker } = await listenOnFreePort();
    await new Promise((resolve) => blocker.close(resolve));
    const { io, exit, stop } = startServe(dir, ['--port', String(port)]);
    const origin = await originOf(io);
    expect(io.out).toContain(`for http://localhost:${String(port)}/\n`);
    const turtle = await (
      await fetch(`${origin}/people/sheng-zha`, { headers: { accept: 'text/turtle' } })
    ).text();
    expect(turtle).toContain(`<http://localhost:${String(port)}/people/sheng-zha#id>`);
    expect(turtle).not.toContain('localhost:8080');
    stop();
    expect(await exit).toBe(0);
  });
});
