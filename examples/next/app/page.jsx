// The one page: the profile's JSON-LD as a script element React renders from attributes and
// already-escaped text (never a text child, which React would escape a second time).
import { profileScript } from './profile.js';

export default async function Page() {
  const { attributes, text } = await profileScript();
  return (
    <main>
      <script {...attributes} dangerouslySetInnerHTML={{ __html: text }} />
      <h1>Sheng Zha</h1>
      <p>This page embeds the profile as JSON-LD, built by profile-graph/embed in Next.js.</p>
    </main>
  );
}
