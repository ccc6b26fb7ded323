// A static site (`astro build` writes dist/): the profile page is rendered once, at build time.
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  // The page has no script of its own: nothing to prefetch, and no dev toolbar in the build.
  prefetch: false,
  devToolbar: { enabled: false },
});
