// Where the visitor is: the page (URL, title, the host's context) reported on route changes, once per change.
import type { PageInfo } from '../../protocol/domain.js';
import { buildPageInfo, type PageContext } from '../page-info.js';
import type { VisitorSocket } from './connection-model.js';

export interface PageTrackerOptions {
  location: () => { url: string; title: string };
  live: () => VisitorSocket | null;
  /** Coalesces a route change and the setContext call that usually follows it into one `page` event. */
  pageDebounceMs?: number;
}

export function createPageTracker({ location, live, pageDebounceMs = 120 }: PageTrackerOptions) {
  let context: PageContext | undefined;
  let lastKey = '';
  let timer: ReturnType<typeof setTimeout> | undefined;

  const current = (): PageInfo => {
    const loc = location();
    return buildPageInfo(loc.url, loc.title, context);
  };
  function report(): void {
    clearTimeout(timer);
    const s = live();
    if (!s) return; // the next handshake carries the page
    const page = current();
    const key = JSON.stringify(page);
    if (key === lastKey) return;
    lastKey = key;
    s.emit('page', page);
  }
  function changed(): void {
    clearTimeout(timer);
    timer = setTimeout(report, pageDebounceMs);
  }

  return {
    current,
    /** The page for a handshake, which tells the server about it. */
    handshake(): PageInfo {
      const page = current();
      lastKey = JSON.stringify(page);
      return page;
    },
    report,
    changed,
    setContext(value: PageContext | undefined): void {
      context = value;
      changed();
    },
    dispose: () => clearTimeout(timer),
  };
}
