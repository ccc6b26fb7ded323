// The README tells the truth: every command in its `sh`, `bash` and `console` blocks is run
// here, in a fresh copy of the repository, and a `console` block's output is compared with what
// the command prints. A command this test cannot run must say so in the README itself, with
// "not run by the README test: REASON" in its comment; the list of such commands is asserted
// below, so none is skipped silently and adding one is a visible change.
//
// How the copy differs from a clone, and why:
// - node_modules is not installed (`npm ci` needs the network): its packages are linked to this
//   checkout's, its `.bin` is a real folder, so `npm run build` links `profile-graph` there.
// - The copy is a new git repository with one commit: the page dates come from git history.
// - `profile-graph` in the examples is `node_modules/.bin/profile-graph` (on PATH), as the
//   README says.
// - The server (`npm start`) gets `--port 0` appended, since a test never takes a fixed port,
//   and every `127.0.0.1:8080` in the commands and outputs stands for the port it got. It is
//   stopped when the commands that need it are done.
// - `npm start` prints npm's own banner (`> profile-graph@… start`) before the server's first
//   line; the banner is not compared. A build's duration ("in 5.7 s") is not compared either.
// - A `js` block whose first line is `// NAME.mjs` is written to NAME.mjs in the copy, and the
//   `node NAME.mjs` command that follows it runs after the build (it imports the package by
//   name, `profile-graph/embed`…, which resolves to the built dist/ by self-reference).
// - PROFILE_GRAPH_PROGRESS=off: no progress lines in the output compared (a loaded machine can
//   make a command long enough to log them).
// - curl runs with a .curlrc of `silent` and `show-error`: its output is a pipe here, and curl
//   draws a progress meter then, which a terminal never shows.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { get } from 'node:http';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_DIR } from '../../src/runtime/cache-store.js';
import { REPO_ROOT } from '../support/profile.js';

const exec = promisify(execFile);

/** One command of the README, with the output its `console` block shows, if any. */
interface ReadmeCommand {
  text: string;
  /** 1-based line of the README where it starts. */
  line: number;
  expected?: string[];
  notRun?: string;
}

const MARKER = /not run by the README test: (.+)$/;

/** The commands of every `sh`/`bash`/`console` block, in order, each once. */
function readmeCommands(markdown: string): ReadmeCommand[] {
  const lines = markdown.split('\n');
  const commands: ReadmeCommand[] = [];
  let language: string | undefined;
  let current: ReadmeCommand | undefined;
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at] ?? '';
    const fence = /^```(\w*)\s*$/.exec(line);
    if (fence) {
      language = language === undefined ? (fence[1] ?? '') : undefined;
      current = undefined;
      continue;
    }
    if (language === 'sh' || language === 'bash') {
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      const [text = '', comment = ''] = line.split(/\s+#\s/, 2);
      const notRun = MARKER.exec(comment)?.[1];
      commands.push({ text: text.trim(), line: at + 1, ...(notRun ? { notRun } : {}) });
    } else if (language === 'console') {
      if (line.startsWith('$ ')) {
        let text = line.slice(2);
        // A quoted argument may span lines (a SPARQL query): the command ends with its quote.
        while (unbalanced(text) && at + 1 < lines.length) text += `\n${lines[++at] ?? ''}`;
        current = { text, line: at + 1, expected: [] };
        commands.push(current);
      } else {
        current?.expected?.push(line);
      }
    }
  }
  // The same command in two blocks (`npm start`) runs once, compared with the output shown.
  const byText = new Map<string, ReadmeCommand>();
  for (const command of commands) {
    const seen = byText.get(command.text);
    if (!seen || (command.expected && !seen.expected)) byText.set(command.text, command);
  }
  return [...byText.values()];
}

/** A file the README shows in a `js` block opened by its name (`// embed.mjs`). */
interface ReadmeFile {
  name: string;
  text: string;
}

function readmeFiles(markdown: string): ReadmeFile[] {
  const files: ReadmeFile[] = [];
  for (const match of markdown.matchAll(/^```js\n\/\/ ([\w-]+\.mjs)\n([\s\S]*?)^```$/gm)) {
    const [whole = '', name = ''] = match;
    files.push({ name, text: whole.slice('```js\n'.length, -'```'.length) });
  }
  return files;
}

function unbalanced(text: string): boolean {
  return (text.match(/'/g) ?? []).length % 2 === 1;
}

/** The commands that cannot run here, and why: the README says the same next to each. */
const NOT_RUN: Record<string, string> = {
  'npm ci': 'needs the network',
  'npm test': 'it runs the README test',
  'npm run typecheck': 'CI runs it (.ci/run); about a minute',
  'npm run lint': 'CI runs it (.ci/run); minutes',
  'npm run bench': 'minutes, and its figures vary by machine',
  'cd examples/next && npm ci && npm run build':
    'npm ci needs the network; test/integration/frameworks.test.ts builds both examples',
  'bash .ci/run':
    'installs system packages with apt (network) and runs every test, this one included',
};

const LONG_RUNNING = /^npm start$|^(?:npx )?profile-graph serve\b/;
const LOCAL_SERVER = '127.0.0.1:8080';

interface Outcome {
  status: number | null;
  output: string;
}

const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
const commands = readmeCommands(readme);
const files = readmeFiles(readme);
let copy: string;
const outcomes = new Map<string, Outcome>();
let server: { port: number; firstLine: string; probe: number } | undefined;

/** What the framework examples install and build (git-ignored): no clone has it. */
const EXAMPLE_OUTPUT = /^examples\/[^/]+\/(?:node_modules|dist|out|\.next|\.astro)(?:\/|$)/;

/** A copy of the repository as a fresh clone would have it, with packages linked. */
async function cloneLike(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'pg-readme-'));
  const skip = new Set([
    'node_modules',
    'dist',
    'public',
    '.git',
    'coverage',
    '.tmp',
    'test-results',
    'synthetic',
  ]);
  for (const entry of await readdir(REPO_ROOT)) {
    if (skip.has(entry)) continue;
    await cp(path.join(REPO_ROOT, entry), path.join(root, entry), {
      recursive: true,
      // A clone has no installed or built framework example (hundreds of MB of node_modules).
      filter: (source) =>
        !source.includes(`${path.sep}bench${path.sep}results`) &&
        !EXAMPLE_OUTPUT.test(path.relative(REPO_ROOT, source).split(path.sep).join('/')),
    });
  }
  const modules = path.join(REPO_ROOT, 'node_modules');
  await mkdir(path.join(root, 'node_modules', '.bin'), { recursive: true });
  for (const entry of await readdir(modules)) {
    if (entry === '.bin' || entry.startsWith('.vite')) continue;
    await symlink(path.join(modules, entry), path.join(root, 'node_modules', entry));
  }
  for (const entry of await readdir(path.join(modules, '.bin'))) {
    if (entry === 'profile-graph') continue;
    await cp(path.join(modules, '.bin', entry), path.join(root, 'node_modules', '.bin', entry), {
      verbatimSymlinks: true,
    });
  }
  await writeFile(path.join(root, '.curlrc'), 'silent\nshow-error\n');
  const git = ['-c', 'user.name=readme', '-c', 'user.email=readme@example.org'];
  await exec('git', ['init', '-q'], { cwd: root });
  await exec('git', ['add', '-A'], { cwd: root });
  await exec('git', [...git, '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'copy'], {
    cwd: root,
  });
  return root;
}

function environment(): NodeJS.ProcessEnv {
  // curl draws a progress meter on stderr when its output is a pipe, never on a terminal.
  // No progress lines either: on a loaded machine a command can run past the 20 s after which
  // they are logged, and stderr is compared here with stdout.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    PROFILE_GRAPH_PROGRESS: 'off',
    CURL_HOME: copy,
  };
  delete env.FORCE_COLOR;
  env.PATH = `${path.join(copy, 'node_modules', '.bin')}${path.delimiter}${env.PATH ?? ''}`;
  return env;
}

/** Runs one command in bash, stdout and stderr together as a terminal shows them. */
async function runCommand(text: string): Promise<Outcome> {
  const child = spawn('bash', ['-c', `exec 2>&1\n${text}`], {
    cwd: copy,
    env: environment(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, output: Buffer.concat(chunks).toString('utf8') };
}

const SERVING = / at http:\/\/127\.0\.0\.1:(\d+)\//;

/** Starts the server, waits for its first line, probes it over HTTP; returns how to stop it. */
async function startServer(text: string) {
  const child = spawn('bash', ['-c', `exec ${text} -- --port 0`], {
    cwd: copy,
    env: environment(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const firstLine = await new Promise<string>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      // The line that says where it serves (a tool may print a notice before it, e.g. npm).
      const line = serverLines(output).find((each) => SERVING.test(each));
      if (line !== undefined && output.includes(`${line}\n`)) resolve(line);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.once('exit', () => {
      reject(new Error(`${text} ended before serving:\n${output}`));
    });
  });
  const port = Number(SERVING.exec(firstLine)?.[1]);
  // A closed connection, so the probe does not hold the server's shutdown open.
  const probe = await new Promise<number>((resolve, reject) => {
    get(`http://127.0.0.1:${String(port)}/robots.txt`, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).once('error', reject);
  });
  const stop = async () => {
    const { pid } = child;
    if (child.exitCode !== null || pid === undefined) return;
    const exited = once(child, 'exit');
    // The whole group: npm, its shell and the server.
    process.kill(-pid, 'SIGTERM');
    const timer = setTimeout(() => {
      process.kill(-pid, 'SIGKILL');
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { port, firstLine, probe, stop };
}

/** Output lines without npm's banner (`> profile-graph@0.1.0 start`, the script, a blank). */
function serverLines(output: string): string[] {
  return output.split('\n').filter((line) => line !== '' && !line.startsWith('> '));
}

function normalise(lines: readonly string[]): string[] {
  const out = lines.map((line) => line.trimEnd().replace(/, in \d+\.\d s$/, ', in … s'));
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

const withPort = (text: string) =>
  server ? text.replaceAll(LOCAL_SERVER, `127.0.0.1:${String(server.port)}`) : text;

beforeAll(async () => {
  const cloning = performance.now();
  copy = await cloneLike();
  for (const file of files) await writeFile(path.join(copy, file.name), file.text);
  if (process.env.README_TEST_TIMES)
    process.stderr.write(`${String(Math.round(performance.now() - cloning))} ms copy\n`);
  const runnable = commands.filter((command) => command.notRun === undefined);
  const record = async (command: ReadmeCommand) => {
    const started = performance.now();
    outcomes.set(command.text, await runCommand(withPort(command.text)));
    if (process.env.README_TEST_TIMES)
      process.stderr.write(
        `${String(Math.round(performance.now() - started))} ms ${command.text.slice(0, 40)}\n`,
      );
  };
  // What needs neither the build nor the server runs while they start.
  const needsBuild = (command: ReadmeCommand) =>
    /(?:^|[\s;&|(])(?:npx )?profile-graph /.test(command.text) ||
    files.some((file) => command.text === `node ${file.name}`);
  const needsServer = (command: ReadmeCommand) => command.text.includes(LOCAL_SERVER);
  const build = runnable.find((command) => command.text === 'npm run build');
  const start = runnable.find((command) => LONG_RUNNING.test(command.text));
  const independent = runnable.filter(
    (command) =>
      command !== build && command !== start && !needsBuild(command) && !needsServer(command),
  );
  const serving = start ? startServer(start.text) : undefined;
  const built = build ? record(build) : Promise.resolve();
  const alone = Promise.all(independent.map(record));
  const afterBuild = built.then(() =>
    Promise.all(
      runnable.filter((command) => needsBuild(command) && !needsServer(command)).map(record),
    ),
  );
  if (serving) {
    const running = await serving;
    server = running;
    try {
      // In README order: a later command may rely on an earlier one (and on the build).
      for (const command of runnable.filter(needsServer)) {
        if (needsBuild(command)) await built;
        await record(command);
      }
    } finally {
      await running.stop();
    }
  }
  await Promise.all([built, alone, afterBuild]);
  // About 4 minutes on a 2-core machine shared with other builds (a tsc build, the CLI
  // commands, prettier over the copy); about a minute when the machine is idle.
}, 420_000);

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

describe('README.md', () => {
  it('marks exactly these commands as not run by this test, each with its reason', () => {
    const marked = Object.fromEntries(
      commands.flatMap((command) => (command.notRun ? [[command.text, command.notRun]] : [])),
    );
    expect(marked).toEqual(NOT_RUN);
  });

  it('shows commands from all its command blocks', () => {
    // Guards the extraction itself: a change of fence or prompt style must not empty the list.
    expect(commands.filter((command) => command.expected).length).toBeGreaterThanOrEqual(12);
    expect(commands.map((command) => command.text)).toEqual(
      expect.arrayContaining(['npm run build', 'npm start', 'npx profile-graph validate']),
    );
  });

  it('runs every example file it shows, with its output', () => {
    expect(files.map((file) => file.name)).toEqual(
      expect.arrayContaining(['embed.mjs', 'jsx.mjs', 'rdf.mjs', 'validate.mjs', 'server.mjs']),
    );
    for (const file of files) {
      const command = commands.find((each) => each.text === `node ${file.name}`);
      expect(command?.expected?.length, file.name).toBeGreaterThan(0);
    }
  });

  it('starts the server with npm start, which answers HTTP and says where', () => {
    const start = commands.find((command) => command.text === 'npm start');
    expect(server?.probe).toBe(200);
    const shown = start?.expected?.[0] ?? '';
    expect(server?.firstLine).toBe(withPort(shown));
  });

  it('links npx profile-graph on npm run build', async () => {
    const { stdout } = await exec('npx', ['profile-graph', '--version'], {
      cwd: copy,
      env: environment(),
    });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('keeps the golden files as they are after UPDATE_GOLDEN', async () => {
    for (const file of await readdir(path.join(REPO_ROOT, 'test', 'golden'))) {
      const [ours, theirs] = await Promise.all([
        readFile(path.join(REPO_ROOT, 'test', 'golden', file), 'utf8'),
        readFile(path.join(copy, 'test', 'golden', file), 'utf8'),
      ]);
      expect(theirs, file).toBe(ours);
    }
  });

  it('keeps the cache folder between CI runs with the actions/cache step it shows', async () => {
    // The workflow that restores the cache; its run step is run here as CI would run it.
    const workflow = [...readme.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)]
      .map((match) => match[1] ?? '')
      .find((text) => text.includes('uses: actions/cache@'));
    expect(workflow, 'a workflow with actions/cache').toBeDefined();
    const cached = /^\s+path: (\S+)$/m.exec(workflow ?? '')?.[1];
    expect(cached).toBe(DEFAULT_CACHE_DIR);
    const run = /^\s+- run: (.+)$/m.exec(workflow ?? '')?.[1] ?? '';
    expect(run).toMatch(/profile-graph validate/);
    // A clean checkout: nothing restored, the step fills the folder the cache step keeps.
    await rm(path.join(copy, cached ?? ''), { recursive: true, force: true });
    const first = await runCommand(run);
    expect(first.status, first.output).toBe(0);
    expect((await readdir(path.join(copy, cached ?? ''))).length).toBeGreaterThan(0);
    // The next job, the folder restored: the same report, the graph layers not run again.
    const again = await runCommand(`${run} --timings ci-timings.json`);
    expect(again).toEqual(first);
    const timings = JSON.parse(await readFile(path.join(copy, 'ci-timings.json'), 'utf8')) as {
      stages: Record<string, number>;
    };
    expect(Object.keys(timings.stages)).not.toContain('shacl');
  }, 240_000);

  describe('runs each command', () => {
    it.each(commands.filter((command) => !command.notRun && !LONG_RUNNING.test(command.text)))(
      'line $line: $text',
      (command) => {
        const outcome = outcomes.get(command.text);
        expect(outcome, 'the command ran').toBeDefined();
        if (!outcome) return;
        if (command.expected && command.expected.some((line) => line !== '')) {
          expect(normalise(outcome.output.split('\n'))).toEqual(
            normalise(command.expected.map(withPort)),
          );
        } else {
          expect(outcome.status, outcome.output).toBe(0);
        }
      },
    );
  });
});
