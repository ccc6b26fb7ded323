import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopServer } from '../../src/serve/server.js';
import { CHROMIUM, chromiumAvailable, launchChromium } from '../support/browser.js';
import { buildBundledSite, servedSparql, serveSite } from '../support/server.js';

/**
 * The SPARQL query page in a real browser (Debian's Chromium via playwright-core): the YASGUI
 * editor served from this server runs the example queries with no request to any other origin
 * and no CSP violation, and without JavaScript the plain form still answers. Skips locally when
 * Chromium is missing; under CI (CI=true) that is a failure, as in browser.test.ts.
 */
const available = chromiumAvailable();

describe.skipIf(!available)(
  `SPARQL query page in headless Chromium (${available ? CHROMIUM : 'skipped: chromium not installed'})`,
  () => {
    let browser: Browser;
    let server: Server;
    let origin: string;

    beforeAll(async () => {
      ({ server, origin } = await serveSite(
        await buildBundledSite({}, { sparql: servedSparql() }),
      ));
      browser = await launchChromium();
    }, 60_000);

    afterAll(async () => {
      await browser.close();
      await stopServer(server);
    });

    /** Records console errors/warnings (CSP violations are console errors) and every request. */
    function watch(page: Page): { problems: string[]; requests: string[] } {
      const seen = { problems: [] as string[], requests: [] as string[] };
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          seen.problems.push(message.text());
      });
      page.on('pageerror', (error) => seen.problems.push(error.message));
      page.on('request', (request) => seen.requests.push(request.url()));
      return seen;
    }

    it('runs an example in the editor, talking to this server only', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const seen = watch(page);
      const response = await page.goto(`${origin}/sparql`);
      expect(response?.status()).toBe(200);
      await page.locator('.yasqe').waitFor({ timeout: 15_000 });
      // The editor replaced the plain form.
      expect(await page.locator('#query-form').isHidden()).toBe(true);

      await page.locator('[data-example="stars"]').click();
      const results = page.locator('.yasr');
      await results.getByText('Apache MXNet').waitFor({ timeout: 15_000 });
      const text = await results.innerText();
      expect(text).toContain('ONNX');
      expect(text).not.toContain('GluonNLP');

      await page.locator('[data-example="alumni"]').click();
      await results.getByText('true', { exact: false }).first().waitFor({ timeout: 15_000 });

      expect(seen.problems).toEqual([]);
      expect(seen.requests.length).toBeGreaterThan(3);
      expect(seen.requests.filter((url) => !url.startsWith(origin))).toEqual([]);
      await context.close();
    });

    it('answers the plain form without JavaScript', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      const seen = watch(page);
      await page.goto(`${origin}/sparql`);
      expect(await page.locator('#query-form').isVisible()).toBe(true);
      await page.locator('#query-form button[type="submit"]').click();
      await page.waitForURL(/\/sparql\?query=/);
      expect(await page.locator('h1').innerText()).toBe('Query results');
      const table = await page.locator('table').innerText();
      expect(table).toContain('Apache MXNet');
      expect(table).toContain('20800');
      expect(seen.problems).toEqual([]);
      expect(seen.requests.filter((url) => !url.startsWith(origin))).toEqual([]);
      await context.close();
    });
  },
);
