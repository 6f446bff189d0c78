import { z } from 'zod';

/**
 * The widget's appearance as served (`GET /api/widget/config`, the admin's settings screen): the
 * saved settings plus the colours derived from them. widget-look.ts, which the browser apps load,
 * takes its types from here with `import type`, so no zod reaches their bundles.
 */
export const WidgetAppearance = z.object({
  /** Brand colour, #rrggbb. */
  color: z.string(),
  greeting: z.string(),
  position: z.enum(['left', 'right']),
  teamName: z.string(),
  avatarUrl: z.string(),
  /** Text on the brand colour: white or near-black, whichever contrasts more (WCAG). */
  onColor: z.string().describe('#ffffff or #111827, whichever contrasts more with color'),
  /** The brand colour darkened, for hover and focus rings. */
  colorDark: z.string(),
  /** The avatar's letter when there is no image. */
  initial: z.string(),
  /** Contrast of onColor on color (at least 4.5 with the dark text, else as good as white gets). */
  contrast: z.number(),
});
export type WidgetAppearance = z.infer<typeof WidgetAppearance>;

/** The saved settings alone (validated on the way in by WidgetAppearanceBody). */
export type WidgetLookSettings = Pick<WidgetAppearance, 'color' | 'greeting' | 'position' | 'teamName' | 'avatarUrl'>;

export const WidgetAppearanceResponse = z.object({ appearance: WidgetAppearance });
export type WidgetAppearanceResponse = z.infer<typeof WidgetAppearanceResponse>;
