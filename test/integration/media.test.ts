// Images kept in data/ (issue #19): the profile's photo is a file beside its data, published at
// the same path under the base URL by `serve` and `build`, and a missing one is a located error.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { capturedIo } from '../support/captured-io.js';
import { REPO_ROOT } from '../support/profile.js';

/** A 2×2 red PNG (PNG §5: signature, IHDR, IDAT, IEND, each chunk with its CRC-32). */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = [0, 255, 0, 0, 255, 0, 0];
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([...row, ...row]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PHOTO = tinyPng();
const PERSON = 'data/people/sheng-zha.jsonld';

/** A copy of the bundled profile whose person has `"image": "people/sheng-zha.png"`. */
async function profileWithPhoto(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pg-media-'));
  for (const entry of ['data', 'shapes', 'profile-graph.config.json'])
    await cp(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
  const person = await readFile(path.join(dir, PERSON), 'utf8');
  await writeFile(
    path.join(dir, PERSON),
    person.replace(
      '"name": "Sheng Zha",\n',
      '"name": "Sheng Zha",\n  "image": "people/sheng-zha.png",\n',
    ),
  );
  await writeFile(path.join(dir, 'data/people/sheng-zha.png'), PHOTO);
  return dir;
}

describe('images in data/', { timeout: 180_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await profileWithPhoto();
  });

  it('build writes the photo at its path, and the page shows it from there', async () => {
    const out = path.join(dir, 'dist');
    const io = capturedIo({ cwd: dir });
    expect(await main(['build', '--out', out, '--no-cache'], io), io.err).toBe(0);
    expect((await readFile(path.join(out, 'people/sheng-zha.png'))).equals(PHOTO)).toBe(true);
    const page = await readFile(path.join(out, 'index.html'), 'utf8');
    expect(page).toContain(
      '<img class="photo u-photo" src="/people/sheng-zha.png" alt="Photo of Sheng Zha" width="112" height="112">',
    );
  });

  it('serve sends the photo as image/png with a strong ETag, and 304 on revalidation', async () => {
    let stop: () => void = () => undefined;
    const shutdown = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const io = capturedIo({ cwd: dir, shutdown });
    const state = { ended: false };
    const exit = main(['serve', '--port', '0', '--quiet'], io).finally(() => {
      state.ended = true;
    });
    try {
      const deadline = Date.now() + 120_000;
      while (!state.ended && !/at (http:\/\/\S+?)\//.test(io.out) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const origin = /at (http:\/\/\S+?)\//.exec(io.out)?.[1];
      expect(origin, io.err).toBeDefined();
      const reply = await fetch(`${String(origin)}/people/sheng-zha.png`, {
        headers: { 'accept-encoding': 'gzip, br' },
      });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('image/png');
      expect(reply.headers.get('content-encoding')).toBeNull();
      const etag = reply.headers.get('etag') ?? '';
      expect(etag).toMatch(/^"[\w-]{22}"$/);
      expect(Buffer.from(await reply.arrayBuffer()).equals(PHOTO)).toBe(true);
      const again = await fetch(`${String(origin)}/people/sheng-zha.png`, {
        headers: { 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
    } finally {
      stop();
    }
    expect(await exit).toBe(0);
  });

  it('validate reports a missing photo at the reference (exit 1)', async () => {
    const broken = await profileWithPhoto();
    await rm(path.join(broken, 'data/people/sheng-zha.png'));
    const io = capturedIo({ cwd: broken });
    expect(await main(['validate', '--no-cache'], io)).toBe(1);
    expect(io.out).toContain(
      'data/people/sheng-zha.jsonld:6:3 error graph/missing-media "people/sheng-zha.png" (<http://localhost:8080/people/sheng-zha.png>) names the image data/people/sheng-zha.png, which does not exist.',
    );
  });
});
