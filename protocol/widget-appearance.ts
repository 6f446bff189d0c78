import { z } from 'zod';
import { text } from './clean-text.js';

/** What an admin sets for the chat widget (console, `PUT /api/settings/widget-appearance`). */
export const WidgetAppearanceBody = z.object({
  /** Brand colour of the launcher, header and the visitor's bubbles: #rrggbb. */
  color: text()
    .regex(/^#[0-9a-fA-F]{6}$/, 'use a hex colour such as #1d4ed8')
    .transform((c) => c.toLowerCase()),
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
export type { WidgetLookSettings } from './widget-look.js';

export { contrastRatio, DEFAULT_APPEARANCE, deriveAppearance, type WidgetAppearance } from './widget-look.js';
