// What `npm i profile-graph` installs is what the shipped files use: every production dependency
// is imported by a packed file (JavaScript, or the declarations a consumer's type check reads),
// and every package a packed file imports is a dependency or a declared peer. A package only the
// build reads (schema-dts: vendor.js copies its declarations into vendor/schema-dts/) belongs in
// devDependencies, or every user downloads it for nothing.
import { builtinModules } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packOnce, type PackedTarball } from '../support/packed.js';
import { REPO_ROOT } from '../support/profile.js';

let packed: PackedTarball;

beforeAll(async () => {
  packed = await packOnce();
}, 300_000);

/** Static and dynamic imports, re-exports and require() calls of a module's text. */
const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(["'])([^"'\s]+)\1/gm;
/** A bare specifier naming an npm package (not a path, not a URL, not `node:`). */
const PACKAGE = /^((?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*)(?:\/.*)?$/;

const BUILTINS = new Set(builtinModules);

/** The npm packages `text` imports, by name. */
function importedPackages(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[2] ?? '';
    const name = PACKAGE.exec(specifier)?.[1];
    if (name === undefined || specifier.startsWith('node:') || BUILTINS.has(name)) continue;
    names.push(name);
  }
  return names;
}

describe('the dependencies of the packed package', () => {
  let imported: Set<string>;
  let manifest: {
    name: string;
    dependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
  };

  beforeAll(async () => {
    manifest = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as never;
    imported = new Set<string>();
    for (const file of packed.files) {
      if (!/\.(js|d\.ts)$/.test(file.path)) continue;
      const text = await readFile(path.join(REPO_ROOT, file.path), 'utf8');
      for (const name of importedPackages(text)) if (name !== manifest.name) imported.add(name);
    }
  });

  it('are each imported by a file the package ships', () => {
    const unused = Object.keys(manifest.dependencies).filter((name) => !imported.has(name));
    expect(unused).toEqual([]);
  });

  it('cover every package a shipped file imports (or it is a declared peer)', () => {
    const declared = new Set([
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.peerDependencies),
    ]);
    expect([...imported].filter((name) => !declared.has(name)).sort()).toEqual([]);
  });
});
