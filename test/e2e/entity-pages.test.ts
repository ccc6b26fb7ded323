import type { Server } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopServer } from '../../src/serve/server.js';
import { CHROMIUM, chromiumAvailable, launchChromium } from '../support/browser.js';
import { buildBundledSite, servedSparql, serveSite } from '../support/server.js';

/**
 * Entity pages and the SPARQL page at a phone's and a desktop's width, served (as `serve` does
 * on another port) at 127.0.0.1 while the data's IRIs say http://localhost:8080/: no page
 * scrolls sideways, the query results link to this host, and "Query this in SPARQL" opens the
 * editor with the entity's DESCRIBE. Screenshots go to a folder under the OS temp dir, printed
 * for whoever judges them by eye.
 */
const available = chromiumAvailable();

const ENTITY_PAGES = [
  '/organizations/amazon',
  '/works/apache-mxnet',
  '/works/python-array-api-standard-scipy-2023',
  '/roles/apache-mxnet-2016',
];

const WIDTHS = [390, 1280];

describe.skipIf(!available)(
  `entity and SPARQL pages at ${WIDTHS.join(' and ')} px (${available ? CHROMIUM : 'skipped: chromium not installed'})`,
  () => {
    let browser: Browser;
    let server: Server;
    let origin: string;
    let screens: string;

    beforeAll(async () => {
      ({ server, origin } = await serveSite(
        await buildBundledSite({}, { sparql: servedSparql() }),
      ));
      browser = await launchChromium();
      screens = await mkdtemp(path.join(tmpdir(), 'pg-entity-screens-'));
      console.log(`screenshots: ${screens}`);
    }, 60_000);

    afterAll(async () => {
      await browser.close();
      await stopServer(server);
    });

    async function open(width: number): Promise<{ page: Page; problems: string[] }> {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      return { page, problems };
    }

    async function shoot(page: Page, name: string): Promise<void> {
      await writeFile(path.join(screens, `${name}.png`), await page.screenshot({ fullPage: true }));
    }

    function overflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
      return page.evaluate<{ scrollWidth: number; clientWidth: number }>(
        '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
      );
    }

    function editorValue(page: Page): Promise<string> {
      return page.evaluate<string>(
        "document.querySelector('.yasqe .CodeMirror').CodeMirror.getValue()",
      );
    }

    /** Whether any of the editor's buttons overlaps a character of the query. */
    function buttonsCoverQuery(page: Page): Promise<boolean> {
      return page.evaluate<boolean>(`(() => {
        const buttons = [...document.querySelectorAll('.yasqe_buttons > *')]
          .map((button) => button.getBoundingClientRect())
          .filter((box) => box.width > 0);
        const lines = [...document.querySelectorAll('.CodeMirror-line > span')].flatMap((span) => [
          ...span.getClientRects(),
        ]);
        return buttons.some((b) =>
          lines.some((l) => l.left < b.right && b.left < l.right && l.top < b.bottom && b.top < l.bottom),
        );
      })()`);
    }

    it.each(WIDTHS)('entity pages do not scroll sideways at %i px', async (width) => {
      const { page, problems } = await open(width);
      for (const pagePath of ENTITY_PAGES) {
        await page.goto(`${origin}${pagePath}`);
        expect(await overflow(page).then((o) => o.scrollWidth <= o.clientWidth), pagePath).toBe(
          true,
        );
        expect(await page.getByRole('link', { name: 'Query this in SPARQL' }).count()).toBe(1);
        await shoot(page, `${pagePath.slice(1).replace('/', '_')}-${String(width)}`);
      }
      await page.goto(`${origin}/works/apache-mxnet`);
      expect(await page.locator('.facts').first().innerText()).toContain('★ 20.8k GitHub stars');
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it.each(WIDTHS)(
      '"Query this in SPARQL" opens the editor with the DESCRIBE at %i px',
      async (width) => {
        const { page, problems } = await open(width);
        await page.goto(`${origin}/works/apache-mxnet`);
        await page.getByRole('link', { name: 'Query this in SPARQL' }).click();
        await page.waitForURL(/\/sparql#query=/);
        await page.locator('.yasqe .CodeMirror').waitFor({ timeout: 15_000 });
        expect(await editorValue(page)).toBe(
          'DESCRIBE <http://localhost:8080/works/apache-mxnet#id>',
        );
        expect(problems).toEqual([]);
        await page.context().close();
      },
    );

    it.each(WIDTHS)(
      'the SPARQL page fits %i px before and after a query, and links results to this host',
      async (width) => {
        const { page, problems } = await open(width);
        await page.goto(`${origin}/sparql`);
        await page.locator('.yasqe .CodeMirror').waitFor({ timeout: 15_000 });
        expect(await page.locator('.site-bar a.home').getAttribute('href')).toBe('/');
        // The editor's buttons cover no character of the query.
        expect(await buttonsCoverQuery(page)).toBe(false);
        let sizes = await overflow(page);
        expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.clientWidth);
        await shoot(page, `sparql-${String(width)}`);

        await page.locator('[data-example="stars"]').click();
        const results = page.locator('.yasr');
        const resultLinks = results.locator('a[href*="/works/"]');
        await resultLinks.first().waitFor({ timeout: 15_000 });
        sizes = await overflow(page);
        expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.clientWidth);
        const links = await Promise.all(
          (await resultLinks.all()).map(async (link) => (await link.getAttribute('href')) ?? ''),
        );
        expect(links.length).toBeGreaterThan(0);
        for (const link of links) expect(link.startsWith(`${origin}/works/`), link).toBe(true);
        await shoot(page, `sparql-ran-${String(width)}`);
        expect(problems).toEqual([]);
        await page.context().close();
      },
      60_000,
    );
  },
);
