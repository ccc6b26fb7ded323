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
  ['runtime'],
  ['load'],
  ['rdf'],
  ['vocab'],
  ['validate', 'publish'],
  ['http'],
  ['serve', 'export', 'sparql'],
  ['pipeline'],
  ['cli'],
];

/**
 * Imports that break the layer order today and are being removed by work in progress on other
 * branches. Each names the importing file, the imported file and why it is temporary; delete the
 * entry with the import. Nothing else may cross the layers.
 */
export const LAYER_EXCEPTIONS = [
  ...[
    ['export/negotiation-rules.ts', 'serve/media-types.ts'],
    ['export/negotiation-rules.ts', 'serve/negotiate.ts'],
    ['export/reference.ts', 'serve/media-types.ts'],
    ['export/reference.ts', 'serve/negotiate.ts'],
    ['export/reference.ts', 'serve/respond.ts'],
    ['export/static-host.ts', 'serve/respond.ts'],
  ].map(([file, imports]) => ({
    file,
    imports,
    why: 'negotiation, media types and the planner move from serve/ to http/ (wip/http); export then imports http/',
  })),
  ...[
    'editor-assets.ts',
    'engine.ts',
    'examples.ts',
    'failure.ts',
    'inspect-query.ts',
    'page-styles.ts',
    'query-page.ts',
    'result-formats.ts',
    'results-page.ts',
    'results.ts',
    'service-description.ts',
    'write-results.ts',
  ].map((imported) => ({
    file: 'serve/sparql-routes.ts',
    imports: `sparql/${imported}`,
    why: 'the SPARQL routes are being rebuilt on http/ (wip/http): pages become Site resources and answers go through the planner, so serve/ stops reaching into its sibling sparql/',
  })),
];

/**
 * `import-x/no-restricted-paths` zones for {@link LAYERS}: for each folder, one zone per folder
 * it must not import. `allowed` (paths under src/) are let through for the file being configured.
 */
export function layerZones(allowed = []) {
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
          except: allowed
            .filter((file) => file.startsWith(`${other}/`))
            .map((file) => `./${file.slice(other.length + 1)}`),
          message: `Layer rule: ${folder}/ may not import ${other}/, ${relation} (see ARCHITECTURE.md).`,
        });
      }
    }
  });
  return zones;
}

/** The layer rule's options, with `allowed` imports let through (see {@link layerZones}). */
export function layerRule(basePath, allowed = []) {
  return ['error', { basePath, zones: layerZones(allowed) }];
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
  ...[...new Set(LAYER_EXCEPTIONS.map((exception) => exception.file))].map((file) => ({
    files: [`src/${file}`],
    rules: {
      'import-x/no-restricted-paths': layerRule(
        import.meta.dirname,
        LAYER_EXCEPTIONS.filter((exception) => exception.file === file).map(
          (exception) => exception.imports,
        ),
      ),
    },
  })),
);
