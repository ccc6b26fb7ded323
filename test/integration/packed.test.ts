// The package as published: packed, installed offline into an empty folder (test/support/packed.ts),
// then used the way a new user would, from that folder, with their own data and no shapes.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { installPacked, packOnce, type PackedTarball } from '../support/packed.js';
import { REPO_ROOT } from '../support/profile.js';

const exec = promisify(execFile);
const SETUP_MS = 600_000;

let packed: PackedTarball;
let consumer: string;

beforeAll(async () => {
  packed = await packOnce();
  consumer = await installPacked(packed);
}, SETUP_MS);

/** Runs `npx --offline profile-graph ARGS` in the consumer folder: status and both streams. */
async function npx(args: string[]) {
  return exec('npx', ['--offline', 'profile-graph', ...args], { cwd: consumer }).then(
    ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
    (error: unknown) => {
      // execFile's rejection carries the exit status and what the command printed.
      const failed = error as { code: number; stdout: string; stderr: string };
      return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    },
  );
}

describe('the packed package, installed in an empty folder', () => {
  it('validates the folder it is given against the shapes it ships, with located diagnostics', async () => {
    await cp(
      path.join(REPO_ROOT, 'test/fixtures/invalid/shacl-person-missing-name/data'),
      path.join(consumer, 'mydata'),
      { recursive: true },
    );
    expect(await npx(['validate', '--data', 'mydata'])).toEqual({
      status: 1,
      stdout:
        'mydata/work.jsonld:6:3 error shacl/violation A Person needs exactly one name (schema:name), a non-empty string.\n\n✖ 1 file, 6 triples: 1 error, 0 warnings in 1 file\n',
      stderr: '',
    });
  });

  it("reads a page's Microdata with the parsers it depends on, loaded on demand", async () => {
    await cp(
      path.join(REPO_ROOT, 'test/fixtures/pages/microdata/index.html'),
      path.join(consumer, 'markup/index.html'),
    );
    expect(await npx(['validate', 'markup'])).toEqual({
      status: 1,
      stdout:
        'markup/index.html:8:14 error vocab/unknown-property "nmae" is not a schema.org property. (did you mean "name"?)\n\n✖ 1 file, 5 triples: 1 error, 0 warnings in 1 file\n',
      stderr: '',
    });
  });

  it('refuses a data folder with nothing to validate (exit 2, one line)', async () => {
    await mkdir(path.join(consumer, 'nodata'));
    expect(await npx(['validate', '--data', 'nodata'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'nodata error io/no-data No data files (*.jsonld, *.json) in nodata.\n',
    });
  });

  it('serves a profile with no shapes folder and no configuration', async () => {
    await cp(path.join(REPO_ROOT, 'data'), path.join(consumer, 'profile'), { recursive: true });
    const bin = path.join(consumer, 'node_modules/.bin/profile-graph');
    const child = spawn(bin, ['serve', '--data', 'profile', '--port', '0'], {
      cwd: consumer,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const [first] = (await once(lines, 'line')) as [string];
      const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(first)?.[1];
      expect(first).toMatch(/^Serving \d+ documents/);
      expect(url).toBeDefined();
      const response = await fetch(new URL('dump', url), { headers: { accept: 'text/turtle' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/turtle/);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});

describe('npm pack contents', () => {
  /** Every `.ts` module under src/ (not hand-written `.d.ts` declarations), without extension. */
  async function sourceModules(): Promise<string[]> {
    const entries = await readdir(path.join(REPO_ROOT, 'src'), { recursive: true });
    return entries
      .filter((entry) => entry.endsWith('.ts') && !entry.endsWith('.d.ts'))
      .map((entry) => entry.slice(0, -'.ts'.length).split(path.sep).join('/'));
  }

  it('holds the compiled modules with their types, the shapes and vendor/, and nothing else', async () => {
    const shapes = (
      await readdir(path.join(REPO_ROOT, 'shapes'), { recursive: true, withFileTypes: true })
    )
      .filter((entry) => entry.isFile())
      .map((entry) =>
        path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
      );
    const expected = [
      'LICENSE',
      'README.md',
      'package.json',
      ...(await sourceModules()).flatMap((module) => [`dist/${module}.js`, `dist/${module}.d.ts`]),
      ...shapes,
      'vendor/schemaorg/LICENSE',
      'vendor/schemaorg/README.md',
      'vendor/schemaorg/schemaorg-current-http.ttl',
      'vendor/schemaorg/schemaorgcontext.jsonld',
      'vendor/schema-dts/NOTICES.md',
      'vendor/schema-dts/lib.d.ts',
      'vendor/schema-dts/schema.d.ts',
      'vendor/shacl-engine/NOTICES.md',
      'vendor/shacl-engine/chunk-HASH.js',
      'vendor/shacl-engine/index.js',
      'vendor/shacl-engine/sparql.js',
      'vendor/yasgui/NOTICES.md',
      'vendor/yasgui/yasgui.json',
      'vendor/yasgui/yasgui.min.css',
      'vendor/yasgui/yasgui.min.js',
    ].sort();
    // esbuild names the chunk the SHACL engine and its SPARQL plugin share by its content.
    const listed = packed.files
      .map((file) =>
        file.path.replace(/^(vendor\/shacl-engine\/chunk-)[A-Z0-9]+\.js$/, '$1HASH.js'),
      )
      .sort();
    expect(listed).toEqual(expected);
  });

  it('ships no source map: the sources they would point at are not shipped', () => {
    expect(packed.files.filter((file) => file.path.endsWith('.map'))).toEqual([]);
  });

  /** The npm packages the shipped .js and .d.ts files import, this one excepted. */
  async function importedPackages(): Promise<Set<string>> {
    // Static and dynamic imports, re-exports, require() and require.resolve() calls (a file the
    // package reads from another, as the social card reads its fonts, is a dependency too);
    // bare specifiers only, a template's static start included.
    const specifier =
      /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(["'])([^"'\s]+)\1|\brequire\.resolve\s*\(\s*(["'`])([^"'`\s]+)\3/gm;
    const bare = /^((?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*)(?:\/.*)?$/;
    const builtins = new Set(builtinModules);
    const names = new Set<string>();
    for (const file of packed.files) {
      if (!/\.(?:js|d\.ts)$/.test(file.path)) continue;
      const text = await readFile(path.join(packed.folder, file.path), 'utf8');
      for (const match of text.matchAll(specifier)) {
        const found = match[2] ?? match[4] ?? '';
        const name = bare.exec(found)?.[1];
        if (name === undefined || found.startsWith('node:') || builtins.has(name)) continue;
        if (name !== 'profile-graph') names.add(name);
      }
    }
    return names;
  }

  // `npm i profile-graph` installs what the shipped files use, and no more: a package only the
  // build reads (schema-dts: vendor.js copies its declarations into vendor/schema-dts/) is a
  // devDependency, or every user downloads it for nothing.
  it('depends on exactly the packages its files import (optional peers aside)', async () => {
    const manifest = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
    const imported = await importedPackages();
    const unused = Object.keys(manifest.dependencies).filter((name) => !imported.has(name));
    expect(unused).toEqual([]);
    const declared = new Set([
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.peerDependencies),
    ]);
    expect([...imported].filter((name) => !declared.has(name)).sort()).toEqual([]);
  });
});

describe('the GitHub Action (action.yml), its run steps against a fixture repository', () => {
  interface Step {
    name: string;
    id?: string;
    run?: string;
    uses?: string;
    env?: Record<string, string>;
    'working-directory'?: string;
    with?: Record<string, string>;
  }

  /** Runs every `run:` step as the runner does (bash -eo pipefail), expressions substituted. */
  async function runAction(inputs: Record<string, string>) {
    const action = parse(await readFile(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default: string }>;
      runs: { steps: Step[] };
    };
    const workspace = await mkdtemp(path.join(tmpdir(), 'pg-action-'));
    await cp(
      path.join(REPO_ROOT, 'test/fixtures/invalid/shacl-person-missing-name/data'),
      path.join(workspace, 'site-data'),
      { recursive: true },
    );
    await cp(path.join(REPO_ROOT, 'data'), path.join(workspace, 'profile'), { recursive: true });
    // Two built sites' pages, for paths that name several folders and globs.
    await cp(
      path.join(REPO_ROOT, 'test/fixtures/pages/yoast/index.html'),
      path.join(workspace, 'site/blog/index.html'),
      { recursive: true },
    );
    await cp(
      path.join(REPO_ROOT, 'test/fixtures/pages/wordpress/index.html'),
      path.join(workspace, 'public/index.html'),
    );
    const temp = await mkdtemp(path.join(tmpdir(), 'pg-runner-'));
    // The installed package stands for the action's checkout: it has dist/ built.
    const actionPath = path.join(consumer, 'node_modules/profile-graph');
    const values: Record<string, string> = {
      'github.action_path': actionPath,
      'runner.temp': temp,
      ...Object.fromEntries(
        Object.entries(action.inputs).map(([name, input]) => [
          `inputs.${name}`,
          inputs[name] ?? input.default,
        ]),
      ),
    };
    const substitute = (text: string) =>
      text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
        const value = values[name];
        if (value === undefined) throw new Error(`action.yml: no value for ${name}`);
        return value;
      });
    let log = '';
    let status = 0;
    const uses: Step[] = [];
    for (const step of action.runs.steps) {
      if (step.run === undefined) {
        uses.push(step);
        continue;
      }
      const output = path.join(temp, `output-${step.id ?? 'step'}`);
      await writeFile(output, '');
      const env = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([name, value]) => [name, substitute(value)]),
      );
      const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
        cwd: substitute(step['working-directory'] ?? workspace),
        env: {
          ...process.env,
          ...env,
          GITHUB_ACTION_PATH: actionPath,
          GITHUB_OUTPUT: output,
          GITHUB_WORKSPACE: workspace,
          RUNNER_TEMP: temp,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
      const [code] = (await once(child, 'close')) as [number];
      status = code;
      for (const line of (await readFile(output, 'utf8')).split('\n')) {
        const [key, value] = line.split('=', 2);
        if (step.id !== undefined && key && value !== undefined)
          values[`steps.${step.id}.outputs.${key}`] = value;
      }
      if (code !== 0) break;
    }
    const sarif = path.join(temp, 'profile-graph.sarif');
    return {
      status,
      log,
      uses,
      sarif: existsSync(sarif) ? await readFile(sarif, 'utf8') : undefined,
    };
  }

  it('annotates the findings, writes the SARIF log it uploads, and fails the job', async () => {
    const run = await runAction({
      paths: 'site-data',
      rules: 'schema.org,google,profile',
      sarif: 'true',
    });
    expect(run.status).toBe(1);
    expect(run.log).toBe(
      '::error file=site-data/work.jsonld,line=6,col=3,title=shacl/violation::A Person needs exactly one name (schema:name), a non-empty string.\n',
    );
    const log = JSON.parse(run.sarif ?? '') as { runs: { results: { ruleId: string }[] }[] };
    expect(log.runs[0]?.results.map((result) => result.ruleId)).toEqual(['shacl/violation']);
    expect(run.uses).toEqual([
      expect.objectContaining({
        uses: 'github/codeql-action/upload-sarif@v3',
        with: expect.objectContaining({
          sarif_file: '${{ runner.temp }}/profile-graph.sarif',
        }) as unknown,
      }),
    ]);
  });

  it('takes several paths, separated by spaces and newlines, globs passed on unexpanded', async () => {
    const run = await runAction({ paths: ' site/*/index.html\n\tpublic  \n' });
    expect(run.status).toBe(1);
    // Level, place and code of each annotation: every page of both paths, located.
    expect(
      run.log
        .trimEnd()
        .split('\n')
        .map((line) =>
          /^::(\w+) file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::/.exec(line)?.slice(1),
        ),
    ).toEqual([
      ['error', 'public/index.html', '11', '3', 'graph/conflicting-type'],
      ['error', 'public/index.html', '13', '3', 'graph/conflicting-value'],
      ['warning', 'site/blog/index.html', '6', '505', 'vocab/range'],
      ['warning', 'site/blog/index.html', '6', '860', 'graph/orphan-node'],
      ['error', 'site/blog/index.html', '6', '979', 'vocab/unknown-property'],
    ]);
  });

  it('passes clean data with the rule sets and format asked for, without SARIF by default', async () => {
    const run = await runAction({ paths: 'profile', rules: 'schema.org,profile', format: 'text' });
    expect(run).toMatchObject({ status: 0, sarif: undefined });
    expect(run.log).toMatch(/^✔ \d+ files, \d+ triples: 0 errors, 0 warnings\n$/);
  });
});

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  it("runs the package's binary over the data folder, as the installed entry point", async () => {
    const [hook] = parse(
      await readFile(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8'),
    ) as [{ id: string; entry: string; language: string; pass_filenames: boolean }];
    expect(hook).toMatchObject({
      id: 'profile-graph-validate',
      language: 'node',
      pass_filenames: false,
    });
    const [bin, ...args] = hook.entry.split(' ');
    expect(bin).toBe('profile-graph');
    const dir = await mkdtemp(path.join(tmpdir(), 'pg-hook-'));
    await cp(
      path.join(REPO_ROOT, 'test/fixtures/invalid/shacl-person-missing-name/data'),
      path.join(dir, 'data'),
      { recursive: true },
    );
    const result = await exec(path.join(consumer, 'node_modules/.bin/profile-graph'), args, {
      cwd: dir,
    }).catch((error: unknown) => error as { code: number; stdout: string });
    expect(result).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('data/work.jsonld:6:3 error shacl/violation') as unknown,
    });
  });
});
