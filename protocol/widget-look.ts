// No zod here: the console imports these, and zod's compiled parsers need eval, which its CSP blocks.

// The shapes are written once, as zod, in responses/widget.ts; a type-only import keeps zod out of the bundles.
import type { WidgetAppearance, WidgetLookSettings } from './responses/widget.js';
export type { WidgetAppearance, WidgetLookSettings };

export const DEFAULT_APPEARANCE: WidgetLookSettings = {
  color: '#1d4ed8',
  greeting: '',
  position: 'right',
  teamName: 'Support',
  avatarUrl: '',
};

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
  `#${[1, 3, 5]
    .map((i) =>
      Math.round(parseInt(hex.slice(i, i + 2), 16) * f)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

/** The text colour is picked, not chosen: whichever of white and #111827 reads better on the brand colour. */
export function deriveAppearance(a: WidgetLookSettings): WidgetAppearance {
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
