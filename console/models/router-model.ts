// A tiny history router: the route is a signal, navigation is pushState.
import { computed, createModel, effect, signal } from '@preact/signals';
import { hrefFor, parseRoute, type Route } from '../lib/router.js';

export const RouterModel = createModel(() => {
  const path = signal(location.pathname);

  effect(() => {
    const onPop = () => {
      path.value = location.pathname;
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  });

  return {
    route: computed<Route>(() => parseRoute(path.value)),
    navigate(to: string | Route, opts: { replace?: boolean } = {}) {
      const href = typeof to === 'string' ? to : hrefFor(to);
      if (href === location.pathname) return;
      if (opts.replace) history.replaceState(null, '', href);
      else history.pushState(null, '', href);
      path.value = location.pathname;
      scrollTo(0, 0);
    },
  };
});

export type Router = InstanceType<typeof RouterModel>;
