import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { DEFAULT_APPEARANCE, deriveAppearance, WidgetAppearanceBody } from '../../protocol/widget-appearance.js';
import type { TokenService } from '../auth/tokens.js';
import type { Db } from '../db/db.js';
import { allowOrigin } from '../realtime/allowed-origins.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody } from './validate.js';
import { WidgetAppearanceResponse } from '../../protocol/responses/widget.js';
import type { RouteDoc } from './route-doc.js';

const KEY = 'widget_appearance';

/** The saved appearance (defaults for what was never set or no longer parses). */
export async function readAppearance(db: Db): Promise<WidgetAppearanceBody> {
  const { rows } = await db.query<{ value: unknown }>(`SELECT value FROM settings WHERE key = $1`, [KEY]);
  const parsed = WidgetAppearanceBody.safeParse({ ...DEFAULT_APPEARANCE, ...(rows[0]?.value as object | undefined) });
  return parsed.success ? parsed.data : DEFAULT_APPEARANCE;
}

/**
 * The widget's appearance: admins set it (`/api/settings/widget-appearance`); every widget reads it
 * at load (`/api/widget/config`, public, CORS like the suggestions), so a change shows on the next
 * page load without rebuilding the script.
 */
export function widgetAppearanceRoutes(deps: { db: Db; tokens: TokenService; allowedOrigins?: readonly string[] }) {
  return new Hono()
    .use(
      '/widget/config',
      cors({
        origin: (origin) => {
          const allowed = allowOrigin(origin || undefined, deps.allowedOrigins);
          return typeof allowed === 'string' ? allowed : null;
        },
        allowMethods: ['GET'],
        maxAge: 600,
      }),
    )
    .get('/widget/config', async (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.json({ appearance: deriveAppearance(await readAppearance(deps.db)) });
    })
    .get('/settings/widget-appearance', requireRole(deps.tokens, 'admin'), async (c) => c.json({ appearance: deriveAppearance(await readAppearance(deps.db)) }))
    .put('/settings/widget-appearance', requireRole(deps.tokens, 'admin'), async (c) => {
      const body = await jsonBody(c, WidgetAppearanceBody);
      await deps.db.query(
        `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [KEY, JSON.stringify(body)],
      );
      return c.json({ appearance: deriveAppearance(body) });
    });
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const widgetAppearanceRouteDocs: RouteDoc[] = [
  { method: 'get', path: '/api/widget/config', tag: 'widget', summary: "The widget's appearance, read by every widget at load (CORS as for the suggestions; no-cache, so a change shows on the next page load)", access: 'public', response: WidgetAppearanceResponse },
  { method: 'get', path: '/api/settings/widget-appearance', tag: 'widget', summary: "The widget's appearance as saved, with the derived colours", access: 'admin', response: WidgetAppearanceResponse },
  { method: 'put', path: '/api/settings/widget-appearance', tag: 'widget', summary: 'Set colour, greeting, launcher position, team name and avatar; the text colour on the brand colour is picked for contrast', access: 'admin', body: WidgetAppearanceBody, response: WidgetAppearanceResponse },
];
