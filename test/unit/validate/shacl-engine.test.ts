import { describe, expect, it } from 'vitest';
import { ProfileGraphError } from '../../../src/model/diagnostic.js';
import { loadSparqlPlugin } from '../../../src/validate/shacl-engine.js';

/** The error Node gives an import whose bare specifier is not installed. */
function notFound(name: string): Error {
  return Object.assign(
    new Error(`Cannot find package '${name}' imported from /x/vendor/shacl-engine/sparql.js`),
    { code: 'ERR_MODULE_NOT_FOUND' },
  );
}

describe('loadSparqlPlugin', () => {
  it('says which optional package SPARQL shapes need, and how to install it', async () => {
    const error = await loadSparqlPlugin(() =>
      Promise.reject(notFound('@comunica/query-sparql-rdfjs-lite')),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProfileGraphError);
    expect((error as ProfileGraphError).exitCode).toBe(2);
    expect((error as ProfileGraphError).diagnostics).toEqual([
      {
        code: 'shacl/sparql-unavailable',
        severity: 'error',
        message:
          'The shapes use SPARQL (sh:sparql or sh:select), which needs the optional package @comunica/query-sparql-rdfjs-lite; install it with: npm install @comunica/query-sparql-rdfjs-lite@5 @comunica/utils-bindings-factory@5',
      },
    ]);
  });

  it('passes other failures through unchanged', async () => {
    const other = notFound('something-else');
    await expect(loadSparqlPlugin(() => Promise.reject(other))).rejects.toBe(other);
  });

  it('loads the bundled plugin when the engine is installed', async () => {
    const plugin = await loadSparqlPlugin(
      () => import(new URL('../../../vendor/shacl-engine/sparql.js', import.meta.url).href),
    );
    expect(plugin).toHaveProperty('validations');
  });
});
