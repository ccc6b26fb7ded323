import type { Site } from './site.js';

/**
 * The Site currently being served. Requests read `current` once and use that Site to the end,
 * so a reload that swaps it never mixes two versions in one response (and never shows a
 * half-built one: a new Site is only assigned once complete).
 */
export interface SiteRef {
  current: Site;
}
