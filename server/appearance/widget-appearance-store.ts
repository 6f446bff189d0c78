import { DEFAULT_APPEARANCE, WidgetAppearanceBody } from '../../protocol/widget-appearance.js';
import type { Queryable } from '../db/db.js';

const KEY = 'widget_appearance';

/** The widget's appearance as admins saved it, one row of `settings`. */
export function createWidgetAppearanceStore(db: Queryable) {
  return {
    /** The saved appearance (defaults for what was never set or no longer parses). */
    async read(): Promise<WidgetAppearanceBody> {
      const { rows } = await db.query<{ value: unknown }>(`SELECT value FROM settings WHERE key = $1`, [KEY]);
      const parsed = WidgetAppearanceBody.safeParse({
        ...DEFAULT_APPEARANCE,
        ...(rows[0]?.value as object | undefined),
      });
      return parsed.success ? parsed.data : DEFAULT_APPEARANCE;
    },
    async save(appearance: WidgetAppearanceBody): Promise<void> {
      await db.query(
        `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, now()) ` +
          `ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [KEY, JSON.stringify(appearance)],
      );
    },
  };
}

export type WidgetAppearanceStore = ReturnType<typeof createWidgetAppearanceStore>;
