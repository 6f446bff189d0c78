import type { PageInfo } from '../protocol/domain.js';
import { LIMITS } from '../protocol/limits.js';

import type { PageContext } from './host-context.js';

export type { PageContext };
/** The page description sent with the handshake, each message and each route change. */
export function buildPageInfo(url: string, title: string, context: PageContext | undefined): PageInfo {
  const page: PageInfo = {
    url: url.slice(0, LIMITS.pageUrl),
    title: (title || '').trim().slice(0, LIMITS.pageTitle),
  };
  if (context) page.context = context;
  return page;
}
