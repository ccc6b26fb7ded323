// profile-graph/server: the publisher mounted in a server you already run. It validates and
// publishes the profile through the one pipeline, then answers its resources exactly as `serve`
// does; every other request goes on to the host application.
import path from 'node:path';
import { ProfileGraphError, type Diagnostic } from './model/diagnostic.js';
import {
  locateProject,
  openLocatedProject,
  runPipeline,
  type ProjectFlags,
} from './pipeline/run-pipeline.js';
import type { SiteRef } from './publish/site-ref.js';
import { createMiddleware, DEFAULT_CACHE_MB, type Middleware } from './serve/middleware.js';

export type { Middleware, NextFunction } from './serve/middleware.js';
export type { Diagnostic, Severity } from './model/diagnostic.js';
export { ProfileGraphError } from './model/diagnostic.js';
export type { Code } from './model/codes.js';

/** Where the profile is and how to publish it: `serve`'s flags, and its working directory. */
export interface ProfileGraphOptions extends ProjectFlags {
  /** Folder the configuration and relative paths resolve against (default: the current one). */
  cwd?: string;
  /** Consulted for `SOURCE_DATE_EPOCH` (page dates), as the CLI consults the environment. */
  env?: { SOURCE_DATE_EPOCH?: string | undefined };
  /** Memory for rendered documents, least recently used out: `serve --cache-mb` (default 256). */
  cacheMb?: number;
}

/** The handler {@link profileGraph} returns, with what publishing it found. */
export interface ProfileGraphHandler extends Middleware {
  /** The data's warnings (errors stop {@link profileGraph} instead). */
  readonly diagnostics: readonly Diagnostic[];
  /** Documents published: each is answered at its path in HTML and every RDF format. */
  readonly documents: number;
  /** Triples of the published graph. */
  readonly triples: number;
}

/**
 * Validates the profile and publishes it as `serve` does, and returns a connect-style handler
 * for `app.use(…)` in express or a `(request, response, next)` call in a node:http listener:
 * the Site's documents (HTML and every RDF format at the same IRIs), the dump, sitemap, VoID and
 * shapes are answered with `serve`'s negotiation, headers and conditional requests; any other
 * path goes to `next`. The SPARQL endpoint is not mounted. Documents render on first request
 * into a cache of `cacheMb` megabytes. Rejects with a `ProfileGraphError`: exit code 1 carrying
 * the error diagnostics when the data is invalid, 2 for a bad configuration or missing folder.
 */
export async function profileGraph(
  options: ProfileGraphOptions = {},
): Promise<ProfileGraphHandler> {
  const cacheMb = options.cacheMb ?? DEFAULT_CACHE_MB;
  if (!Number.isInteger(cacheMb) || cacheMb <= 0) {
    throw new ProfileGraphError([
      {
        code: 'usage/invalid',
        severity: 'error',
        message: `cacheMb must be a positive whole number, not ${String(cacheMb)}.`,
      },
    ]);
  }
  const project = await openLocatedProject(
    await locateProject(options, {
      cwd: path.resolve(options.cwd ?? '.'),
      env: options.env ?? {},
    }),
  );
  const outcome = await runPipeline(project, {
    renderOnDemand: { maxBytes: cacheMb * 1024 * 1024 },
  });
  if (!outcome.ok) throw new ProfileGraphError(outcome.diagnostics, 1);
  const siteRef: SiteRef = { current: outcome.site };
  return Object.assign(createMiddleware(siteRef), {
    diagnostics: outcome.diagnostics,
    documents: outcome.site.documents.length,
    triples: outcome.site.quads.length,
  });
}
