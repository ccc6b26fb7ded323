import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Store } from 'n3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankNode, literal, namedNode, NS, quad } from '../../src/rdf/data-factory.js';
import type { PageInput } from '../../src/publish/html/page-input.js';
import { renderPage } from '../../src/publish/html/render-page.js';
import { CHROMIUM, chromiumAvailable, launchChromium } from '../support/browser.js';
import { BASE_URL } from '../support/profile.js';
import { loadPageFixture, pageInputFor } from '../unit/publish/html/page-fixture.js';

/**
 * The profile page's layout in headless Chromium at phone and desktop widths: the bundled
 * profile with a photo, profile links, email and address added (test data; data/ is unchanged),
 * in English and in French. The page is loaded with setContent, so the photo's URL answers
 * nothing: the test checks the element and its box, not the picture. Screenshots go to a folder
 * under the OS temp dir, printed once.
 */
const available = chromiumAvailable();
const PERSON = namedNode(`${BASE_URL}people/sheng-zha#id`);
const schema = (local: string) => namedNode(`${NS.schema}${local}`);

describe.skipIf(!available)(
  `profile page layout in headless Chromium (${available ? CHROMIUM : 'skipped: chromium not installed'})`,
  () => {
    let browser: Browser;
    let input: PageInput;
    let directory: string;

    beforeAll(async () => {
      const fixture = await loadPageFixture();
      const address = blankNode('address');
      const base = await pageInputFor(fixture, '/');
      input = {
        ...base,
        graph: new Store([
          ...fixture.quads,
          quad(PERSON, schema('image'), namedNode(`${BASE_URL}people/sheng-zha.jpg`)),
          quad(PERSON, schema('sameAs'), namedNode('https://mastodon.example/@someone')),
          quad(PERSON, schema('email'), literal('someone@example.org')),
          quad(PERSON, schema('address'), address),
          quad(address, schema('addressLocality'), literal('Seattle')),
        ]),
      };
      browser = await launchChromium();
      directory = await mkdtemp(path.join(tmpdir(), 'pg-profile-screens-'));
      console.log(`profile page screenshots: ${directory}`);
    }, 60_000);

    afterAll(async () => {
      await browser.close();
    });

    it.each([
      ['en', 390, 844],
      ['en', 1280, 900],
      ['fr', 390, 844],
      ['fr', 1280, 900],
    ] as const)(
      '%s at %i px: header, no overflow, no repeated items',
      async (language, width, height) => {
        const context = await browser.newContext({ viewport: { width, height } });
        const page = await context.newPage();
        await page.setContent(renderPage({ ...input, site: { ...input.site, language } }));

        expect(await page.locator('header img.u-photo').count()).toBe(1);
        const box = await page.locator('header img.u-photo').boundingBox();
        expect(box?.width).toBeGreaterThan(40);
        expect(await page.locator('header a[rel="me"]').count()).toBe(2);
        expect(await page.locator('header .location').innerText()).toBe('Seattle');

        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect(overflow).toBeLessThanOrEqual(0);

        // No date spills out of its column ("2024 – aujourd’hui" ran into the timeline's dots).
        const spilled = await page.evaluate<number>(
          `Math.max(0, ...[...document.querySelectorAll('.when')].map((e) => e.scrollWidth - e.clientWidth))`,
        );
        expect(spilled).toBe(0);

        // Each entity is an item (its heading's link) in one section only.
        const owners = await page.evaluate<[string, string][]>(
          `[...document.querySelectorAll('main section h3 a')].map((a) => [a.getAttribute('href'), a.closest('section').id])`,
        );
        const hrefs = owners.map(([href]) => href);
        expect(new Set(hrefs).size).toBe(hrefs.length);

        // The long About is closed until asked for, without script.
        expect(await page.locator('#about details').getAttribute('open')).toBeNull();
        const summary = await page.locator('#about summary').innerText();
        expect(summary).toBe(language === 'fr' ? 'Lire la suite' : 'Read more');
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        if (language === 'fr') {
          expect(await page.locator('#experience-title').innerText()).toMatch(/^expérience$/i);
        }

        await page.screenshot({
          path: path.join(directory, `profile-${language}-${width}.png`),
          fullPage: true,
        });
        await context.close();
      },
    );
  },
);
