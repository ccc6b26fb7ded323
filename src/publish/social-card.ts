import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** The social card's size: Open Graph's recommended 1.91:1 image (ogp.me §Structured properties). */
export const SOCIAL_CARD_WIDTH = 1200;
export const SOCIAL_CARD_HEIGHT = 630;

/** What the social card shows, read from the profile. */
export interface SocialCardInput {
  name: string;
  jobTitle?: string;
  /** The site's name and host, the card's footer line. */
  footer: string;
  /** The person's photo, when it is a file of the site (PNG or JPEG bytes). */
  photo?: { body: Buffer; contentType: string };
}

/** A tree node satori lays out (the shape React elements have; satori reads nothing else). */
interface CardNode {
  type: string;
  props: { style?: Record<string, string | number>; children?: CardChild; src?: string };
}
type CardChild = CardNode | string | readonly CardNode[];

// Inter's Latin and Latin Extended subsets (SIL OFL 1.1, @fontsource/inter), regular and bold:
// the card is drawn with fonts shipped in the package, never the machine's, so the same data gives
// the same PNG bytes on every machine. Satori reads WOFF (not WOFF2); resvg draws the glyphs as
// paths satori already wrote, so it loads no fonts at all.
const FONT_FILES = [
  ['inter-latin-400-normal.woff', 400],
  ['inter-latin-ext-400-normal.woff', 400],
  ['inter-latin-700-normal.woff', 700],
  ['inter-latin-ext-700-normal.woff', 700],
] as const;

const PADDING_X = 80;
const PADDING_Y = 64;
const ACCENT_BAR = 16;
const COLORS = { bg: '#ffffff', text: '#1b1f24', muted: '#525a65', accent: '#0a58b5' };

/**
 * Renders the profile's Open Graph image: a {@link SOCIAL_CARD_WIDTH}×{@link SOCIAL_CARD_HEIGHT}
 * PNG with the name, the job title, the photo when there is one, and the site on the last line.
 * Deterministic: the same input gives identical bytes (bundled fonts, no clock, no network).
 * satori and resvg are loaded here, on first use, so commands and entry points that draw no card
 * never load them. Rejects when the photo is not an image resvg can decode.
 */
export async function renderSocialCard(input: SocialCardInput): Promise<Buffer> {
  const [{ default: satori }, { Resvg }, fonts] = await Promise.all([
    import('satori'),
    import('@resvg/resvg-js'),
    loadFonts(),
  ]);
  const svg = await satori(cardTree(input), {
    width: SOCIAL_CARD_WIDTH,
    height: SOCIAL_CARD_HEIGHT,
    fonts: fonts.map(({ data, weight }) => ({ name: 'Inter', data, weight, style: 'normal' })),
  });
  const png = new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
  return Buffer.from(png);
}

/** The bundled fonts' bytes (four files of 30 to 50 KB, read each time a card is drawn). */
function loadFonts(): Promise<{ data: Buffer; weight: 400 | 700 }[]> {
  const require = createRequire(import.meta.url);
  return Promise.all(
    FONT_FILES.map(async ([file, weight]) => ({
      data: await readFile(require.resolve(`@fontsource/inter/files/${file}`)),
      weight,
    })),
  );
}

function cardTree(input: SocialCardInput): CardNode {
  const text = (content: string, style: Record<string, string | number>): CardNode => ({
    type: 'div',
    props: { style: { display: 'flex', ...style }, children: content },
  });
  const lines: CardNode[] = [
    text(input.name, {
      fontSize: input.name.length > 28 ? 64 : 80,
      fontWeight: 700,
      color: COLORS.text,
      lineHeight: 1.1,
    }),
  ];
  if (input.jobTitle !== undefined)
    lines.push(
      text(input.jobTitle, { fontSize: 40, color: COLORS.muted, marginTop: 24, lineHeight: 1.25 }),
    );
  const identity: CardNode[] = [];
  if (input.photo !== undefined)
    identity.push({
      type: 'img',
      props: {
        src: `data:${input.photo.contentType};base64,${input.photo.body.toString('base64')}`,
        style: { width: 240, height: 240, borderRadius: 120, objectFit: 'cover', marginRight: 56 },
      },
    });
  identity.push({
    type: 'div',
    props: { style: { display: 'flex', flexDirection: 'column', flex: 1 }, children: lines },
  });
  return {
    type: 'div',
    props: {
      style: {
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        // Satori sizes boxes as content-box: the padding and border are taken off the size.
        width: SOCIAL_CARD_WIDTH - 2 * PADDING_X,
        height: SOCIAL_CARD_HEIGHT - 2 * PADDING_Y - ACCENT_BAR,
        padding: `${PADDING_Y}px ${PADDING_X}px`,
        backgroundColor: COLORS.bg,
        borderTop: `${ACCENT_BAR}px solid ${COLORS.accent}`,
        fontFamily: 'Inter',
      },
      children: [
        {
          type: 'div',
          props: { style: { display: 'flex', alignItems: 'center', flex: 1 }, children: identity },
        },
        text(input.footer, { fontSize: 28, color: COLORS.accent }),
      ],
    },
  };
}
