// Draws one social card when imported: what import-cost.test.ts compares the entry points with.
import { renderSocialCard } from '../../src/publish/social-card.js';

await renderSocialCard({ name: 'A. Person', footer: 'example.org' });
