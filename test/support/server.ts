import type { Server } from 'node:http';
import path from 'node:path';
import { DEFAULT_CONFIG, type SiteConfig } from '../../src/model/config.js';
import { runPipeline, type PublishOptions } from '../../src/pipeline/run-pipeline.js';
import type { Site } from '../../src/publish/site.js';
import {
  createSparqlRoutes,
  sparqlService,
  type SparqlServiceOptions,
} from '../../src/sparql/routes.js';
import type { SparqlService } from '../../src/publish/sparql-service.js';
import { createApp } from '../../src/serve/app.js';
import { startServer } from '../../src/serve/server.js';
import type { SiteRef } from '../../src/publish/site-ref.js';
import { createValidators } from '../../src/validate/validate.js';
import { REPO_ROOT } from './profile.js';

/** Builds the bundled profile's Site, as `serve` does at start (dated by the repository's git history). */
export async function buildBundledSite(
  config: Partial<SiteConfig> = {},
  options: PublishOptions & { workers?: number } = {},
  env: { SOURCE_DATE_EPOCH?: string } = {},
): Promise<Site> {
  const validators = await createValidators(path.join(REPO_ROOT, 'shapes'), REPO_ROOT);
  const full = { ...DEFAULT_CONFIG, baseUrl: 'http://localhost:8080/', ...config };
  const result = await runPipeline(
    {
      config: full,
      root: REPO_ROOT,
      baseUrlConfigured: true,
      dataDir: path.resolve(REPO_ROOT, full.data),
      shapesDir: path.join(REPO_ROOT, 'shapes'),
      ruleSets: [...validators.ruleSets],
      env,
      validators,
    },
    options,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.site;
}

/**
 * The SPARQL service `serve` publishes with its Site (default limits): pass it as
 * `{ sparql: servedSparql() }` to {@link buildBundledSite} for a Site {@link serveSite} answers
 * /sparql from, as `serve` does.
 */
export function servedSparql(
  config: Partial<SiteConfig> = {},
  limits?: SparqlServiceOptions['limits'],
): SparqlService {
  return sparqlService(config.baseUrl ?? 'http://localhost:8080/', limits ? { limits } : {});
}

/** Starts the real server on 127.0.0.1, port 0; returns its origin. */
export async function serveSite(
  site: Site,
): Promise<{ origin: string; server: Server; siteRef: SiteRef }> {
  const siteRef: SiteRef = { current: site };
  // The SPARQL endpoint as `serve` mounts it (with an engine of the default limits).
  const app = createApp(siteRef, { routes: [createSparqlRoutes(siteRef).router] });
  const server = await startServer(siteRef, app, { port: 0, host: '127.0.0.1' });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('server has no address');
  return { origin: `http://127.0.0.1:${address.port}`, server, siteRef };
}
