import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { currentResource, publishSite, type Site } from '../../../src/publish/site.js';
import { renderSocialCard } from '../../../src/publish/social-card.js';
import { respond } from '../../../src/http/respond.js';
import { BASE_URL, loadBundledDataset } from '../../support/profile.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The PNG signature, then the IHDR chunk's width and height (PNG §11.2.2). */
function pngSize(png: Buffer): {
  signature: boolean;
  chunk: string;
  width: number;
  height: number;
} {
  return {
    signature: png.subarray(0, 8).equals(PNG_SIGNATURE),
    chunk: png.subarray(12, 16).toString('latin1'),
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
  };
}

const CARD = {
  name: 'Sheng Zha',
  jobTitle: 'Head of Model Architecture & Training Advancement',
  footer: 'profile-graph · localhost:8080',
};

describe('renderSocialCard', { timeout: 60_000 }, () => {
  it('draws a 1200×630 PNG', async () => {
    expect(pngSize(await renderSocialCard(CARD))).toEqual({
      signature: true,
      chunk: 'IHDR',
      width: 1200,
      height: 630,
    });
  });

  it('gives identical bytes for the same input, and other bytes for other words', async () => {
    const [first, second, other] = await Promise.all([
      renderSocialCard(CARD),
      renderSocialCard({ ...CARD }),
      renderSocialCard({ ...CARD, jobTitle: 'Scientist' }),
    ]);
    expect(first.equals(second)).toBe(true);
    expect(first.equals(other)).toBe(false);
  });

  it('draws the photo it is given', async () => {
    const photo = { body: await renderSocialCard(CARD), contentType: 'image/png' };
    const [without, withPhoto] = await Promise.all([
      renderSocialCard(CARD),
      renderSocialCard({ ...CARD, photo }),
    ]);
    expect(pngSize(withPhoto).width).toBe(1200);
    expect(withPhoto.equals(without)).toBe(false);
  });
});

describe('publishSite: the social card', { timeout: 60_000 }, () => {
  let site: Site;

  beforeAll(async () => {
    const { quads, documentLoader } = await loadBundledDataset();
    site = await publishSite({
      config: { ...DEFAULT_CONFIG, baseUrl: BASE_URL, siteName: 'Sheng Zha' },
      quads,
      shapes: [],
      documentLoader,
      lastModified: new Date('2024-05-01T00:00:00Z'),
    });
  });

  it('is published at /social-card.png as image/png with a strong ETag and no compressed variant', () => {
    const response = respond(site, {
      method: 'GET',
      url: '/social-card.png',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('image/png');
    expect(response.headers['Content-Encoding']).toBeUndefined();
    expect(response.headers.ETag).toMatch(/^"[\w-]{22}"$/);
    expect(pngSize(response.body)).toEqual({
      signature: true,
      chunk: 'IHDR',
      width: 1200,
      height: 630,
    });
  });

  it('is named by the profile page head: og:image with its size, type and alt, and a large card', () => {
    const entry = site.resources.get('/');
    const html = entry && currentResource(entry)?.representations[0]?.variants.identity.body;
    const head = html?.toString('utf8').split('</head>')[0] ?? '';
    const lines = head.split('\n').filter((line) => /og:image|twitter:card/.test(line));
    expect(lines).toEqual([
      '<meta property="og:image" content="http://localhost:8080/social-card.png">',
      '<meta property="og:image:type" content="image/png">',
      '<meta property="og:image:width" content="1200">',
      '<meta property="og:image:height" content="630">',
      '<meta property="og:image:alt" content="Sheng Zha — Head of Model Architecture &amp; Training Advancement">',
      '<meta name="twitter:card" content="summary_large_image">',
    ]);
  });

  it('leaves other pages with a summary card and no og:image', () => {
    const entry = site.resources.get('/people/sheng-zha');
    const html = entry && currentResource(entry)?.representations[0]?.variants.identity.body;
    const text = html?.toString('utf8') ?? '';
    expect(text).toContain('<meta name="twitter:card" content="summary">');
    expect(text).not.toContain('og:image');
  });
});
