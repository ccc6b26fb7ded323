import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * The layers of src/, lowest first (ARCHITECTURE.md draws the same table). A folder may import
 * its own layer's folder and any lower layer; never a higher one, and never a sibling (folders
 * in the same row). Files directly in src/ (index.ts, bin.ts) stand above every layer.
 */
export const LAYERS = [
  ['model'],
  ['runtime', 'embed'],
  ['load'],
  ['rdf'],
  ['vocab'],
  ['validate', 'publish'],
  ['http'],
  ['serve', 'export', 'sparql', 'store', 'bridges'],
  ['pipeline'],
  ['cli'],
];

/**
 * `import-x/no-restricted-paths` zones for {@link LAYERS}: for each folder, one zone per folder
 * it must not import. There are no exceptions: a crossing import is moved, not allowed.
 */
export function layerZones() {
  const zones = [];
  LAYERS.forEach((row, level) => {
    for (const folder of row) {
      const forbidden = [
        ...row.filter((sibling) => sibling !== folder).map((sibling) => [sibling, 'its sibling']),
        ...LAYERS.slice(level + 1)
          .flat()
          .map((higher) => [higher, 'a higher layer']),
      ];
      for (const [other, relation] of forbidden) {
        zones.push({
          target: `src/${folder}`,
          from: `src/${other}`,
          message: `Layer rule: ${folder}/ may not import ${other}/, ${relation} (see ARCHITECTURE.md).`,
        });
      }
    }
  });
  return zones;
}

/** The layer rule's options (see {@link layerZones}). */
export function layerRule(basePath) {
  return ['error', { basePath, zones: layerZones() }];
}

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'public/',
      'node_modules/',
      'vendor/',
      'coverage/',
      'bench/results/',
      '.tmp/',
      // Separate projects with their own toolchains (Astro, Next.js), built by
      // test/integration/frameworks.test.ts; their output is generated.
      'examples/astro/',
      'examples/next/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': layerRule(import.meta.dirname),
      'import-x/no-default-export': 'error',
      'import-x/no-unresolved': 'off',
      // CommonJS libraries (jsonld, oxigraph, n3) are used through their default export.
      'import-x/no-named-as-default-member': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts', 'src/types/*.d.ts'],
    rules: { 'import-x/no-default-export': 'off' },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
