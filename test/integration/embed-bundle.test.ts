import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/profile.js';

// profile-graph/embed must run where Node does not: bundled for a neutral platform, any import
// of a Node built-in fails the build, and the bundle runs in a context with no require/process.
describe('profile-graph/embed bundled with esbuild', () => {
  it('builds for a neutral platform under 50 KB minified and runs without Node', async () => {
    const result = await build({
      entryPoints: [path.join(REPO_ROOT, 'src', 'embed.ts')],
      bundle: true,
      minify: true,
      platform: 'neutral',
      format: 'iife',
      globalName: 'profileGraphEmbed',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code.length).toBeLessThan(50 * 1024);
    const context = vm.createContext({ URL });
    vm.runInContext(code, context);
    const api = (context as { profileGraphEmbed: typeof import('../../src/embed.js') })
      .profileGraphEmbed;
    const graph = api.createGraph({ base: 'https://example.org/' });
    graph.add({ '@type': 'Person', name: 'Ada </script>' });
    graph.add({ '@type': 'ProfilePage' });
    const built = graph.build();
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(api.jsonLdScript(built.graph)).toBe(
      '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@id":"https://example.org/","@type":"ProfilePage","mainEntity":{"@id":"https://example.org/#person-ada-script"}},{"@id":"https://example.org/#person-ada-script","@type":"Person","name":"Ada \\u003c/script\\u003e"}]}</script>',
    );
    expect(vm.runInContext('typeof process + typeof require', context)).toBe('undefinedundefined');
  });
});
