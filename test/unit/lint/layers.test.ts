import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface LayerConfig {
  LAYERS: string[][];
  layerRule: (basePath: string) => Linter.RuleEntry;
}

// eslint.config.js is plain JavaScript with no declarations: import it untyped and say its shape.
const config = (await import(
  pathToFileURL(path.join(REPO_ROOT, 'eslint.config.js')).href
)) as LayerConfig;

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'profile-graph-layers-'));
  await writeFile(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }),
  );
  // One small module in every layer folder, for the synthetic importers to import.
  for (const folder of config.LAYERS.flat()) {
    await mkdir(path.join(root, 'src', folder), { recursive: true });
    await writeFile(path.join(root, 'src', folder, 'thing.ts'), 'export const thing = 1;\n');
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Lints `src/<file>` holding `import { thing } from '<specifier>'`; returns the messages. */
async function lintImport(file: string, specifier: string) {
  const filePath = path.join(root, 'src', file);
  const code = `import { thing } from '${specifier}';\nexport const copy = thing;\n`;
  await writeFile(filePath, code);
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { 'import-x': importX as unknown as ESLint.Plugin },
        settings: {
          'import-x/resolver-next': [
            createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json') }),
          ],
        },
        rules: { 'import-x/no-restricted-paths': config.layerRule(root) },
      },
    ],
  });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.message);
}

describe('the layer rule (import-x/no-restricted-paths zones from LAYERS)', () => {
  it('lets a layer import a lower one', async () => {
    expect(await lintImport('cli/main.ts', '../model/thing.js')).toEqual([]);
    expect(await lintImport('http/plan.ts', '../publish/thing.js')).toEqual([]);
    expect(await lintImport('sparql/page.ts', '../publish/thing.js')).toEqual([]);
  });

  it('lets a folder import itself', async () => {
    expect(await lintImport('rdf/other.ts', './thing.js')).toEqual([]);
  });

  it('fails an import of a higher layer', async () => {
    expect(await lintImport('model/bad.ts', '../cli/thing.js')).toEqual([
      'Unexpected path "../cli/thing.js" imported in restricted zone. Layer rule: model/ may not import cli/, a higher layer (see ARCHITECTURE.md).',
    ]);
    expect(await lintImport('load/bad.ts', '../rdf/thing.js')).toHaveLength(1);
    expect(await lintImport('publish/bad.ts', '../http/thing.js')).toHaveLength(1);
  });

  it('fails an import between siblings', async () => {
    expect(await lintImport('export/bad.ts', '../serve/thing.js')).toEqual([
      'Unexpected path "../serve/thing.js" imported in restricted zone. Layer rule: export/ may not import serve/, its sibling (see ARCHITECTURE.md).',
    ]);
    expect(await lintImport('publish/bad.ts', '../validate/thing.js')).toHaveLength(1);
    expect(await lintImport('validate/bad.ts', '../publish/thing.js')).toHaveLength(1);
  });
});
