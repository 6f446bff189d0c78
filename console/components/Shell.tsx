// The signed-in frame: navigation, live connection state, shortcuts help, and the current screen.
import { useModel } from '@preact/signals';
import { useMemo, useState } from 'preact/hooks';
import { SignedInContext, useServices, type SignedIn } from '../app-context.js';
import type { User } from '../api/types.js';
import { useShortcuts } from '../hooks/use-shortcuts.js';
import { hrefFor, isAdminRoute, type Route } from '../lib/router.js';
import { QueueModel } from '../models/queue-model.js';
import { NotificationsModel } from '../models/notifications-model.js';
import { OffersModel } from '../models/offers-model.js';
import { PresenceModel } from '../models/presence-model.js';
import { browserStore } from '../lib/storage.js';
import { CannedScreen } from '../screens/CannedScreen.js';
import { WebhooksScreen } from '../screens/WebhooksScreen.js';
import { NotificationsBell } from './NotificationsBell.js';
import { PresenceToggle } from './PresenceToggle.js';
import { RealtimeModel } from '../models/realtime-model.js';
import { AgentsScreen } from '../screens/AgentsScreen.js';
import { AnalyticsScreen } from '../screens/AnalyticsScreen.js';
import { ConversationScreen } from '../screens/ConversationScreen.js';
import { KnowledgeScreen } from '../screens/KnowledgeScreen.js';
import { IntentsScreen } from '../screens/IntentsScreen.js';
import { ConversationTestsScreen } from '../screens/ConversationTestsScreen.js';
import { NotFoundScreen } from '../screens/NotFoundScreen.js';
import { QueueScreen } from '../screens/QueueScreen.js';
import { SearchScreen } from '../screens/SearchScreen.js';
import { Avatar } from './Avatar.js';
import { Link } from './Link.js';
import { ShortcutsHelp } from './ShortcutsHelp.js';
import { targetKind } from '../lib/shortcuts.js';

interface Props {
  token: string;
  me: User;
}

function navItems(isAdmin: boolean): Array<{ route: Route; label: string }> {
  const items: Array<{ route: Route; label: string }> = [
    { route: { name: 'queue' }, label: 'Queue' },
    { route: { name: 'search' }, label: 'Search' },
  ];
  if (isAdmin) {
    items.push(
      { route: { name: 'knowledge' }, label: 'Knowledge' },
      { route: { name: 'intents' }, label: 'Intents' },
      { route: { name: 'conversation-tests' }, label: 'Tests' },
      { route: { name: 'agents' }, label: 'Agents' },
      { route: { name: 'analytics' }, label: 'Analytics' },
      { route: { name: 'canned' }, label: 'Replies' },
      { route: { name: 'webhooks' }, label: 'Webhooks' },
    );
  }
  return items;
}

export function Shell({ token, me }: Props) {
  const services = useServices();
  const { session, router } = services;
  const realtime = useModel(() => new RealtimeModel({ token, onUnauthorized: () => session.signOut('expired') }));
  // Ticks every second so SLA and offer countdowns stay live.
  const queue = useModel(() => new QueueModel({ api: services.api, realtime, me, tickMs: 1000 }));
  const offers = useModel(() => new OffersModel({ realtime, meId: me.id }));
  const presence = useModel(() => new PresenceModel({ api: services.api, realtime, store: browserStore() }));
  const notifications = useModel(() => new NotificationsModel({ api: services.api, realtime }));
  const signedIn = useMemo<SignedIn>(
    () => ({ ...services, me, realtime, queue, offers, presence, notifications }),
    [services, me, realtime, queue, offers, presence, notifications],
  );
  const [help, setHelp] = useState(false);
  const [bell, setBell] = useState(false);

  useShortcuts('global', {
    toggleAway: () => {
      if (document.querySelector('dialog[open]')) return false;
      presence.toggle();
    },
    goQueue: () => router.navigate(hrefFor({ name: 'queue' })),
    goNotifications: () => setBell(true),
    goAnalytics: () => {
      if (me.role !== 'admin') return false;
      router.navigate(hrefFor({ name: 'analytics' }));
    },
    help: () => setHelp((v) => !v),
    search: () => {
      if (document.querySelector('dialog[open]')) return false;
      const box = document.querySelector<HTMLInputElement>('input[type="search"][aria-label="Search conversations"]');
      if (box) box.focus();
      else router.navigate(hrefFor({ name: 'search' }));
    },
    close: (e) => {
      if (help) return setHelp(false);
      if (targetKind(e.target) === 'editable') return (e.target as HTMLElement).blur();
      return false;
    },
  });

  const route = router.route.value;
  const isAdmin = me.role === 'admin';
  const queued = queue.counts.value.queued;
  const section = route.name === 'conversation' ? 'queue' : route.name;

  return (
    <SignedInContext.Provider value={signedIn}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <div class="shell">
        <header class="topbar">
          <Link href={hrefFor({ name: 'queue' })} class="brand" aria-label="Firstline console, go to the queue">
            <span class="brand-mark" aria-hidden="true" data-mark="F" />
            <span class="brand-name">Firstline</span>
          </Link>
          <nav class="nav" aria-label="Main">
            {navItems(isAdmin).map((item) => (
              <Link
                key={item.label}
                href={hrefFor(item.route)}
                class={`nav-link ${section === item.route.name ? 'is-active' : ''}`}
                aria-current={section === item.route.name ? 'page' : undefined}
                title={item.route.name === 'search' ? 'Search conversations (/)' : undefined}
                aria-keyshortcuts={item.route.name === 'search' ? '/' : undefined}
              >
                {item.route.name === 'search' ? (
                  // A glyph at laptop widths (room for the counts on one line); the word stays the accessible name.
                  <>
                    <svg
                      class="nav-icon"
                      aria-hidden="true"
                      viewBox="0 0 24 24"
                      width="18"
                      height="18"
                      focusable="false"
                    >
                      <path
                        fill="currentColor"
                        d={
                          'M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 ' +
                          '7 0 1 1 10 3Zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10Z'
                        }
                      />
                    </svg>
                    <span class="topbar-label">{item.label}</span>
                  </>
                ) : (
                  item.label
                )}
                {item.route.name === 'queue' && queued > 0 && (
                  <span class="badge badge-accent" aria-label={`${queued} waiting`}>
                    {queued}
                  </span>
                )}
              </Link>
            ))}
          </nav>
          <div class="topbar-end">
            <span
              class={`conn ${realtime.connected.value ? 'conn-live' : 'conn-down'}`}
              role="status"
              title={realtime.error.value ?? undefined}
            >
              <span class="conn-dot" aria-hidden="true" />
              {realtime.connected.value ? 'Live' : (realtime.error.value ?? 'Connecting…')}
            </span>
            <PresenceToggle presence={presence} />
            <NotificationsBell model={notifications} open={bell} onToggle={setBell} />
            <button type="button" class="btn btn-ghost" onClick={() => setHelp(true)} aria-keyshortcuts="?">
              <span class="topbar-label">Shortcuts</span> <kbd>?</kbd>
            </button>
            <span class="me" title={`${me.name} · ${me.email}: customers see ${me.displayName || me.name}`}>
              <Avatar name={me.displayName || me.name} />
              {me.displayName || me.name} <span class="muted topbar-label">· {me.role}</span>
            </span>
            <button type="button" class="btn btn-ghost" onClick={() => session.signOut()}>
              Sign out
            </button>
          </div>
        </header>
        <main id="main" class="main" tabIndex={-1}>
          <Screen route={route} isAdmin={isAdmin} />
        </main>
      </div>
      {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
    </SignedInContext.Provider>
  );
}

function Screen({ route, isAdmin }: { route: Route; isAdmin: boolean }) {
  if (isAdminRoute(route) && !isAdmin) return <NotFoundScreen message="This page is for admins only." />;
  switch (route.name) {
    case 'queue':
      return <QueueScreen />;
    case 'conversation':
      // Keyed so each conversation gets its own model (and its own subscriptions).
      return <ConversationScreen key={route.id} id={route.id} />;
    case 'knowledge':
      return <KnowledgeScreen />;
    case 'agents':
      return <AgentsScreen />;
    case 'intents':
      return <IntentsScreen />;
    case 'analytics':
      return <AnalyticsScreen />;
    case 'canned':
      return <CannedScreen />;
    case 'webhooks':
      return <WebhooksScreen />;
    case 'conversation-tests':
      return <ConversationTestsScreen />;
    case 'search':
      return <SearchScreen />;
    case 'not-found':
      return <NotFoundScreen message="There is nothing at this address." />;
  }
}
