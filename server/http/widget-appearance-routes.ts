import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { deriveAppearance, WidgetAppearanceBody } from '../../protocol/widget-appearance.js';
import type { TokenService } from '../auth/tokens.js';
import type { WidgetAppearanceStore } from '../appearance/widget-appearance-store.js';
import { allowOrigin } from '../realtime/allowed-origins.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody } from './validate.js';
import { WidgetAppearanceResponse } from '../../protocol/responses/widget.js';
import type { RouteDoc } from './route-doc.js';

/**
 * The widget's appearance: admins set it (`/api/settings/widget-appearance`); every widget reads it
 * at load (`/api/widget/config`, public, CORS like the suggestions), so a change shows on the next
 * page load without rebuilding the script.
 */
export function widgetAppearanceRoutes(deps: {
  widgetAppearance: WidgetAppearanceStore;
  tokens: TokenService;
  allowedOrigins?: readonly string[];
}) {
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
      return c.json({
        appearance: deriveAppearance(await deps.widgetAppearance.read()),
      } satisfies WidgetAppearanceResponse);
    })
    .get('/settings/widget-appearance', requireRole(deps.tokens, 'admin'), async (c) =>
      c.json({ appearance: deriveAppearance(await deps.widgetAppearance.read()) } satisfies WidgetAppearanceResponse),
    )
    .put('/settings/widget-appearance', requireRole(deps.tokens, 'admin'), async (c) => {
      const body = await jsonBody(c, WidgetAppearanceBody);
      await deps.widgetAppearance.save(body);
      return c.json({ appearance: deriveAppearance(body) } satisfies WidgetAppearanceResponse);
    });
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const widgetAppearanceRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/widget/config',
    tag: 'widget',
    summary:
      "The widget's appearance, read by every widget at load (CORS as for the suggestions; " +
      'no-cache, so a change shows on the next page load)',
    access: 'public',
    response: WidgetAppearanceResponse,
  },
  {
    method: 'get',
    path: '/api/settings/widget-appearance',
    tag: 'widget',
    summary: "The widget's appearance as saved, with the derived colours",
    access: 'admin',
    response: WidgetAppearanceResponse,
  },
  {
    method: 'put',
    path: '/api/settings/widget-appearance',
    tag: 'widget',
    summary:
      'Set colour, greeting, launcher position, team name and avatar; ' +
      'the text colour on the brand colour is picked for contrast',
    access: 'admin',
    body: WidgetAppearanceBody,
    response: WidgetAppearanceResponse,
  },
];
