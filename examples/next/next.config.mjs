// A static export (`next build` writes out/): the profile page is rendered once, at build time.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the page reads its data/, and profile-graph links to it (file:../..). */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'export',
  // Nothing here may reach the network while building: no image optimisation (next/image would
  // need a server), and the page uses no next/font.
  images: { unoptimized: true },
  turbopack: { root: repository },
  outputFileTracingRoot: repository,
};

export default nextConfig;
