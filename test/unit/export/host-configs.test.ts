import { beforeAll, describe, expect, it } from 'vitest';
import { renderApacheConfig } from '../../../src/export/apache.js';
import { buildNegotiationTables } from '../../../src/export/negotiation-rules.js';
import { renderNginxConfig } from '../../../src/export/nginx.js';
import {
  PLACEHOLDER,
  referenceBehaviour,
  type ReferenceBehaviour,
} from '../../../src/export/reference.js';
import { CLOUDFLARE_HEADER_RULES, renderStaticHostFiles } from '../../../src/export/static-host.js';
import type { Site } from '../../../src/publish/site.js';
import { CONTENT_SECURITY_POLICY, respond } from '../../../src/http/respond.js';
import { buildBundledSite } from '../../support/server.js';

let site: Site;
let reference: ReferenceBehaviour;
const tables = buildNegotiationTables();

beforeAll(async () => {
  site = await buildBundledSite();
  reference = referenceBehaviour(site);
});

/** The regular expressions of an nginx file, unquoted as nginx reads them. */
function nginxRegexes(text: string): string[] {
  return [...text.matchAll(/^\s*"~\*?((?:[^"\\]|\\.)*)"/gm)].map((match) =>
    (match[1] ?? '').replace(/\\(["\\])/g, '$1'),
  );
}

describe('the reference behaviour (asked of respond)', () => {
  it("reads serve's headers and texts, with placeholders where the request decides", () => {
    expect(reference.html['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reference.vary).toEqual({
      negotiated: 'Accept, Accept-Encoding',
      fixed: 'Accept-Encoding',
    });
    expect(reference.cacheControl).toEqual({
      ok: 'public, max-age=300, must-revalidate',
      other: 'no-cache',
    });
    expect(reference.text.methodNotAllowed).toBe(
      `Method ${PLACEHOLDER.method} is not allowed here; use GET or HEAD.\n`,
    );
    expect(reference.rdfPaths).toEqual(['/dump', '/.well-known/void', '/shapes']);
    expect(reference.plain.map((plain) => plain.path)).toEqual([
      '/social-card.png',
      '/sitemap.xml',
      '/robots.txt',
    ]);
    const turtle = reference.documents?.representations.find((r) => r.format === 'turtle');
    expect(turtle).toMatchObject({
      file: `${PLACEHOLDER.base}.ttl`,
      contentType: 'text/turtle; charset=utf-8',
      contentLocation: `${PLACEHOLDER.base}.ttl`,
    });
    // The template, filled in, is what serve sends for any document.
    const reply = respond(site, {
      method: 'GET',
      url: '/people/sheng-zha',
      headers: { accept: 'text/turtle' },
    });
    expect(turtle?.link.replaceAll(PLACEHOLDER.base, '/people/sheng-zha')).toBe(reply.headers.Link);
  });
});

describe('nginx configuration', () => {
  it('is a maps file for http {} and a server file, with balanced blocks', () => {
    const [maps, server] = renderNginxConfig(reference, tables);
    expect(maps?.path).toBe('nginx/maps.conf');
    expect(server?.path).toBe('nginx/server.conf');
    for (const file of [maps, server]) {
      const text = file?.body.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/#.*$/gm, '') ?? '';
      expect(text.split('{').length, file?.path).toBe(text.split('}').length);
    }
  });

  it('holds regular expressions JavaScript compiles as PCRE does', () => {
    const [maps] = renderNginxConfig(reference, tables);
    const patterns = nginxRegexes(maps?.body ?? '');
    expect(patterns.length).toBeGreaterThan(150);
    for (const pattern of patterns) expect(() => new RegExp(pattern, 'i'), pattern).not.toThrow();
  });

  it('types every format as serve does, precompressed siblings on, brotli where it exists', () => {
    const [, server] = renderNginxConfig(reference, tables);
    const text = server?.body ?? '';
    for (const line of [
      '"text/html; charset=utf-8" html;',
      '"text/turtle; charset=utf-8" ttl;',
      '"application/ld+json" jsonld;',
      '"application/xml; charset=utf-8" xml;',
      '"application/ld+json; profile=\\"http://www.w3.org/ns/json-ld#expanded\\"" jsonld;',
      'gzip_static on;',
      '# brotli_static on;',
      'if_modified_since before;',
      'error_page 404 @pg_not_found;',
      'return 405 "Method ${request_method} is not allowed here; use GET or HEAD.\\n";',
    ])
      expect(text).toContain(line);
  });

  it('depends on nothing but the kinds of resources: no document path appears', () => {
    const [maps, server] = renderNginxConfig(reference, tables);
    for (const document of site.documents.filter((each) => each.path !== '/'))
      expect(`${maps?.body ?? ''}${server?.body ?? ''}`).not.toContain(document.path);
  });
});

describe('Apache .htaccess', () => {
  it('follows the W3C recipes: no MultiViews, AddType per format, rewrite rules', () => {
    const { path, body } = renderApacheConfig(reference, tables);
    expect(path).toBe('.htaccess');
    for (const line of [
      'Options -MultiViews -Indexes',
      'AddType "text/turtle; charset=utf-8" .ttl',
      'AddType "application/rdf+xml" .rdf',
      'AddEncoding gzip .gz',
      'AddEncoding br .br',
      'RewriteEngine On',
      'ErrorDocument 404 /404.%{reqenv:PG_NOT_FOUND_EXTENSION}',
    ])
      expect(body).toContain(line);
  });

  it('evaluates the same negotiation tables, one condition per rule', () => {
    const { body } = renderApacheConfig(reference, tables);
    const conditions = [
      ...body.matchAll(
        /^RewriteCond %\{(?:HTTP:Accept|ENV:PG_[A-Z_]+)\}(?::[^ ]*)? (\S+) \[NC\]$/gm,
      ),
    ];
    const ruleCount =
      tables.state.rules.length +
      tables.probes.reduce(
        (sum, probe) => sum + probe.range.rules.length + probe.weight.rules.length,
        0,
      ) +
      tables.decide.doc.rules.length +
      tables.decide.rdf.rules.length;
    expect(conditions.length).toBeGreaterThanOrEqual(ruleCount);
    for (const [, pattern] of conditions)
      expect(() => new RegExp(pattern ?? '', 'i')).not.toThrow();
  });
});

describe('static host files (_headers, _redirects)', () => {
  it("send serve's CORS, caching and security headers everywhere and types by extension", () => {
    const [headers] = renderStaticHostFiles(site, reference);
    const text = headers?.body ?? '';
    expect(text).toContain(
      '/*\n  X-Content-Type-Options: nosniff\n  Access-Control-Allow-Origin: *\n',
    );
    expect(text).toContain('/*.ttl\n  Content-Type: text/turtle; charset=utf-8\n');
    expect(text).toContain('/*.nq\n  Content-Type: application/n-quads\n');
  });

  it("give each canonical URL serve's Link header and say how many rules there are", () => {
    const [headers] = renderStaticHostFiles(site, reference);
    const text = headers?.body ?? '';
    for (const document of site.documents) {
      const reply = respond(site, { method: 'GET', url: document.path, headers: {} });
      expect(text).toContain(`${document.path}\n  Link: ${String(reply.headers.Link)}\n`);
    }
    const rules = (text.match(/^\//gm) ?? []).length;
    expect(text).toContain(
      `accepts at most ${String(CLOUDFLARE_HEADER_RULES)} rules; this file has ${String(rules)}.`,
    );
  });

  it('rewrite the RDF-only resources to the format serve sends by default', () => {
    const [, redirects] = renderStaticHostFiles(site, reference);
    expect(redirects?.body).toContain('/dump /dump.jsonld 200\n');
    expect(redirects?.body).toContain('/.well-known/void /.well-known/void.jsonld 200\n');
    expect(redirects?.body).toContain('/shapes /shapes.jsonld 200\n');
  });
});
