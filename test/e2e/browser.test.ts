import type { Server } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopServer } from '../../src/serve/server.js';
import { CHROMIUM, chromiumAvailable, launchChromium } from '../support/browser.js';
import { buildBundledSite, serveSite } from '../support/server.js';

/**
 * The profile page in a real browser: Debian's Chromium driven by playwright-core. Locally the
 * test skips (with the reason) when Chromium is not installed; under CI (CI=true) a missing
 * browser is a failure, since .ci/run installs it.
 */
const available = chromiumAvailable();

describe.skipIf(!available)(
  `profile page in headless Chromium (${available ? CHROMIUM : 'skipped: chromium not installed'})`,
  () => {
    let browser: Browser;
    let server: Server;
    let origin: string;

    beforeAll(async () => {
      ({ server, origin } = await serveSite(await buildBundledSite()));
      browser = await launchChromium();
    }, 60_000);

    afterAll(async () => {
      await browser.close();
      await stopServer(server);
    });

    it.each([
      ['phone', 390, 844],
      ['desktop', 1280, 900],
    ] as const)(
      'renders the CV at %s width with no console errors and no external requests',
      async (name, width, height) => {
        const context = await browser.newContext({ viewport: { width, height } });
        const page = await context.newPage();
        const problems: string[] = [];
        const requests: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error' || message.type() === 'warning')
            problems.push(message.text());
        });
        page.on('pageerror', (error) => problems.push(error.message));
        page.on('request', (request) => requests.push(request.url()));

        const response = await page.goto(`${origin}/`);
        expect(response?.status()).toBe(200);
        expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');

        expect(await page.locator('h1').innerText()).toBe('Sheng Zha');
        const text = await page.locator('main').innerText();
        for (const visible of [
          'Head of Model Architecture & Training Advancement',
          '2024 – present',
          '20.8k stars',
          'GluonNLP',
          'University of Maryland',
          'VP & PMC Chair',
        ]) {
          expect(text).toContain(visible);
        }
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        expect(await page.locator('header').count()).toBeGreaterThan(0);
        expect(await page.locator('nav').count()).toBeGreaterThan(0);
        expect(await page.locator('footer').count()).toBeGreaterThan(0);

        // The page's JSON-LD, read from the DOM as a crawler would.
        const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
        const document = JSON.parse(jsonLd ?? '') as {
          '@context': string;
          '@graph': { '@type': string | string[] }[];
        };
        expect(document['@context']).toBe('https://schema.org');
        expect(document['@graph'].some((node) => node['@type'] === 'ProfilePage')).toBe(true);

        // Nothing overflows sideways on a phone.
        // Evaluated in the page (a string: the test's TypeScript has no DOM types).
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect(overflow).toBeLessThanOrEqual(0);

        const directory = await mkdtemp(path.join(tmpdir(), 'pg-screens-'));
        const screenshot = await page.screenshot({ fullPage: true });
        await writeFile(path.join(directory, `profile-${name}.png`), screenshot);
        expect(screenshot.length).toBeGreaterThan(10_000);

        expect(problems).toEqual([]);
        expect(requests.every((url) => url.startsWith(origin))).toBe(true);
        await context.close();
      },
    );
  },
);
