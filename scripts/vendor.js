// Writes the third-party code the package ships instead of depending on it (run by `prepare`,
// `build` and the test setup; the output is not committed):
// - vendor/shacl-engine/: shacl-engine bundled with the small packages it needs. Depending on
//   shacl-engine itself would install Comunica (about 130 MB, 480 packages), which only its
//   SPARQL plugin (`sparql.js`, for `sh:sparql` and `sh:select`) imports; that plugin is bundled
//   too, with Comunica left external: an optional peer dependency, loaded only for such shapes.
// - vendor/yasgui/: YASGUI's prebuilt browser script and stylesheet, the only files of
//   @zazuko/yasgui (about 50 MB with its dependencies) that the SPARQL query page serves.
// - vendor/schema-dts/: schema-dts's declarations (schema.d.ts, and lib.d.ts from schema-dts-lib),
//   which type the nodes `profile-graph/embed` takes. The published .d.ts import them from here:
//   schema-dts is a CommonJS package importing the ES module schema-dts-lib, which a consumer's
//   type check under `moduleResolution: node16` rejects (TS1541) inside schema-dts itself. Here
//   both files sit in this package's ES module scope, so every resolution mode reads them.
// Each folder gets a NOTICES.md with the licence of every package whose code it holds.
import { build } from 'esbuild';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(root, 'package.json'));
const vendor = path.join(root, 'vendor');

/** Packages left out of the SHACL bundle: the SPARQL plugin's engine (see above). */
const SHACL_EXTERNAL = ['@comunica/query-sparql-rdfjs-lite', '@comunica/utils-bindings-factory'];

// Installed as a dependency the package ships its vendor/ already; should this script run
// there anyway (inside a node_modules folder), it does nothing.
if (root.split(path.sep).includes('node_modules')) process.exit(0);

// What the output is made from. When it has not changed and the output is there, nothing is
// written: `npm run build` runs this script, and a server or test reading vendor/ at that moment
// (the README test starts `npm start` while `npm run build` runs) must not see it half-written.
const stampFile = path.join(root, 'node_modules', '.cache', 'profile-graph-vendor.json');
const stamp = JSON.stringify({
  script: createHash('sha256')
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex'),
  shaclEngine: readPackage(packageRoot('shacl-engine')).version,
  yasgui: readPackage(packageRoot('@zazuko/yasgui')).version,
  schemaDts: readPackage(packageRoot('schema-dts')).version,
  schemaDtsLib: readPackage(packageRoot('schema-dts-lib')).version,
  esbuild: readPackage(packageRoot('esbuild')).version,
});
const outputs = [
  'shacl-engine/index.js',
  'shacl-engine/sparql.js',
  'yasgui/yasgui.min.js',
  'schema-dts/schema.d.ts',
];
const current =
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8') === stamp &&
  outputs.every((file) => existsSync(path.join(vendor, file)));
if (!current) {
  await replaceFolder(path.join(vendor, 'shacl-engine'), bundleShaclEngine);
  await replaceFolder(path.join(vendor, 'yasgui'), copyYasgui);
  await replaceFolder(path.join(vendor, 'schema-dts'), copySchemaDts);
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, stamp);
}

/** Writes a folder beside `out`, then swaps it in, so `out` is never seen half-written. */
async function replaceFolder(out, write) {
  const next = `${out}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  await write(next);
  rmSync(out, { recursive: true, force: true });
  renameSync(next, out);
}

async function bundleShaclEngine(out) {
  rmSync(out, { recursive: true, force: true });
  const engineRoot = packageRoot('shacl-engine');
  const result = await build({
    entryPoints: {
      index: path.join(engineRoot, 'index.js'),
      sparql: path.join(engineRoot, 'sparql.js'),
    },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: SHACL_EXTERNAL,
    metafile: true,
    logLevel: 'warning',
    // The bundled CommonJS modules (readable-stream, lodash) call require() for Node built-ins,
    // which an ES module has no binding for.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
  });
  const packages = new Set();
  for (const input of Object.keys(result.metafile.inputs))
    packages.add(packageRootOf(path.resolve(root, input)));
  writeNotices(
    out,
    'shacl-engine, bundled by scripts/vendor.js (SPARQL engine left out: an optional peer dependency)',
    [...packages],
  );
}

function copyYasgui(out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const yasguiRoot = packageRoot('@zazuko/yasgui');
  for (const file of ['yasgui.min.js', 'yasgui.min.css'])
    copyFileSync(path.join(yasguiRoot, 'build', file), path.join(out, file));
  const { name, version, license } = readPackage(yasguiRoot);
  writeFileSync(
    path.join(out, 'yasgui.json'),
    `${JSON.stringify({ name, version, license }, null, 2)}\n`,
  );
  // yasgui.min.js holds the code of every package @zazuko/yasgui depends on.
  writeNotices(out, `${name} ${version}: build/yasgui.min.js and build/yasgui.min.css`, [
    ...dependencyClosure(yasguiRoot),
  ]);
}

function copySchemaDts(out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const schemaRoot = packageRoot('schema-dts');
  // schema-dts-lib is schema-dts's dependency: resolved from there, as Node would.
  const libRoot = path.dirname(
    createRequire(path.join(schemaRoot, 'package.json')).resolve('schema-dts-lib/package.json'),
  );
  const schema = readFileSync(path.join(schemaRoot, readPackage(schemaRoot).types), 'utf8');
  const specifier = /(from\s+)(["'])schema-dts-lib\2/g;
  if (schema.search(specifier) === -1)
    throw new Error('schema-dts no longer imports schema-dts-lib');
  writeFileSync(
    path.join(out, 'schema.d.ts'),
    schema.replace(specifier, (_, from, quote) => `${from}${quote}./lib.js${quote}`),
  );
  copyFileSync(path.join(libRoot, readPackage(libRoot).types), path.join(out, 'lib.d.ts'));
  writeNotices(out, 'schema-dts and schema-dts-lib: their TypeScript declarations', [
    schemaRoot,
    libRoot,
  ]);
}

/** The folder of an installed package (resolved from the repository root). */
function packageRoot(name) {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** The folder of the package a file belongs to: the nearest package.json with a name. */
function packageRootOf(file) {
  let dir = path.dirname(file);
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && readPackage(dir).name !== undefined) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`No package.json above ${file}`);
}

function readPackage(dir) {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

/** A package's folder and those of everything it depends on, resolved as Node would. */
function dependencyClosure(start) {
  const seen = new Set();
  const pending = [start];
  while (pending.length > 0) {
    const dir = pending.pop();
    if (seen.has(dir)) continue;
    seen.add(dir);
    const local = createRequire(path.join(dir, 'package.json'));
    for (const name of Object.keys(readPackage(dir).dependencies ?? {})) {
      let manifest;
      try {
        manifest = local.resolve(`${name}/package.json`);
      } catch {
        // A package whose exports hide package.json: find its folder from its entry.
        manifest = path.join(packageRootOf(local.resolve(name)), 'package.json');
      }
      pending.push(path.dirname(manifest));
    }
  }
  return seen;
}

/** NOTICES.md: name, version, declared licence and the licence file of each package. */
function writeNotices(out, title, dirs) {
  const sections = dirs
    .map((dir) => ({ dir, manifest: readPackage(dir) }))
    .sort((a, b) => (a.manifest.name < b.manifest.name ? -1 : 1))
    .map(({ dir, manifest }) => {
      const licence = readdirSync(dir).find((file) => /^(licen[cs]e|copying)/i.test(file));
      const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
      const text =
        licence === undefined
          ? `The package ships no licence file; its package.json declares ${manifest.license}${
              author === undefined ? '' : ` and its author ${author}`
            }.`
          : readFileSync(path.join(dir, licence), 'utf8').trim();
      return `## ${manifest.name} ${manifest.version} (${manifest.license})\n\n${text
        .split('\n')
        .map((line) => (line === '' ? '' : `    ${line}`))
        .join('\n')}\n`;
    });
  writeFileSync(
    path.join(out, 'NOTICES.md'),
    `# Third-party code in this folder\n\n${title}.\n\n${sections.join('\n')}`,
  );
}
