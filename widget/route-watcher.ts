/**
 * Calls `onChange` after every client-side navigation: history.pushState / replaceState (which fire
 * no event, so they are wrapped) and popstate / hashchange. Returns a function that undoes it.
 */
export function watchRoutes(win: Window, onChange: () => void): () => void {
  const history = win.history;
  const originalPush = history.pushState;
  const originalReplace = history.replaceState;

  const wrap = (original: History['pushState']): History['pushState'] =>
    function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      try {
        onChange();
      } catch (err) {
        console.error('[firstline]', err);
      }
      return result;
    };

  const patchedPush = wrap(originalPush);
  const patchedReplace = wrap(originalReplace);
  history.pushState = patchedPush;
  history.replaceState = patchedReplace;
  win.addEventListener('popstate', onChange);
  win.addEventListener('hashchange', onChange);

  return () => {
    // Only restore if nobody wrapped them after us; otherwise we would drop their patch.
    if (history.pushState === patchedPush) history.pushState = originalPush;
    if (history.replaceState === patchedReplace) history.replaceState = originalReplace;
    win.removeEventListener('popstate', onChange);
    win.removeEventListener('hashchange', onChange);
  };
}
