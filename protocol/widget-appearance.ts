import { z } from 'zod';
import { text } from './clean-text.js';

/** What an admin sets for the chat widget (console, `PUT /api/settings/widget-appearance`). */
export const WidgetAppearanceBody = z.object({
  /** Brand colour of the launcher, header and the visitor's bubbles: #rrggbb. */
  color: text().regex(/^#[0-9a-fA-F]{6}$/, 'use a hex colour such as #1d4ed8').transform((c) => c.toLowerCase()),
  /** Shown above an empty conversation. */
  greeting: text().trim().max(200).default(''),
  position: z.enum(['left', 'right']).default('right'),
  /** The panel heading (the script tag's data-title wins). */
  teamName: text().trim().min(1).max(60),
  /** An https (or http) image for the header avatar; empty: the team name's initial. */
  avatarUrl: text()
    .trim()
    .max(1000)
    .default('')
    .superRefine((v, ctx) => {
      if (!v) return;
      let u: URL | null = null;
      try {
        u = new URL(v);
      } catch {
        /* reported below */
      }
      if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password)
        ctx.addIssue({ code: 'custom', message: 'the avatar must be an http(s) image URL without credentials' });
    }),
});
export type WidgetAppearanceBody = z.infer<typeof WidgetAppearanceBody>;

/** Served to the widget (`GET /api/widget/config`): the settings plus the colours derived from them. */
export interface WidgetAppearance extends WidgetAppearanceBody {
  /** Text on the brand colour: white or near-black, whichever contrasts more (WCAG). */
  onColor: string;
  /** The brand colour darkened, for hover and focus rings. */
  colorDark: string;
  /** The avatar's letter when there is no image. */
  initial: string;
  /** Contrast of onColor on color (at least 4.5 with the dark text, else as good as white gets). */
  contrast: number;
}

export const DEFAULT_APPEARANCE: WidgetAppearanceBody = { color: '#1d4ed8', greeting: '', position: 'right', teamName: 'Support', avatarUrl: '' };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
const darken = (hex: string, f: number) =>
  `#${[1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * f).toString(16).padStart(2, '0')).join('')}`;

/** The text colour is picked, not chosen: whichever of white and #111827 reads better on the brand colour. */
export function deriveAppearance(a: WidgetAppearanceBody): WidgetAppearance {
  const white = contrastRatio(a.color, '#ffffff');
  const dark = contrastRatio(a.color, '#111827');
  const onColor = white >= dark ? '#ffffff' : '#111827';
  return {
    ...a,
    onColor,
    colorDark: darken(a.color, 0.75),
    initial: (a.teamName.trim()[0] ?? 'S').toUpperCase(),
    contrast: Math.round(Math.max(white, dark) * 100) / 100,
  };
}
