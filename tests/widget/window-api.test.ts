import { describe, expect, it, vi } from 'vitest';
import { watchRoutes } from '../../widget/route-watcher.js';
import { installWindowApi } from '../../widget/window-api.js';

describe('window.Firstline', () => {
  it('replays calls queued before the script loaded, in order, then runs pushes at once', () => {
    const calls: string[] = [];
    const commands = {
      identify: (i: unknown) => calls.push(`identify:${(i as { id: string }).id}`),
      open: () => calls.push('open'),
    };
    const stub = { q: [['identify', { id: 'u1' }], ['open']] as unknown[] };
    const win: { Firstline?: unknown } = { Firstline: stub };
    const api = installWindowApi(win, commands);
    expect(calls).toEqual(['identify:u1', 'open']);
    expect(win.Firstline).toBe(stub); // references held by the host stay valid
    (api.q as { push: (...c: unknown[]) => void }).push(['open']);
    (api.identify as (i: unknown) => void)({ id: 'u2' });
    expect(calls).toEqual(['identify:u1', 'open', 'open', 'identify:u2']);
  });

  it('accepts `arguments` objects from stub methods and survives bad entries', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const seen: unknown[] = [];
    function stubCall(..._args: unknown[]) {
      return arguments;
    }
    const win: { Firstline?: unknown } = {
      Firstline: {
        q: [stubCall('setContext', { feature: 'x' }), ['nope'], ['boom'], 7, ['setContext', { feature: 'y' }]],
      },
    };
    installWindowApi(win, {
      setContext: (c) => seen.push(c),
      boom: () => {
        throw new Error('host bug');
      },
    });
    expect(seen).toEqual([{ feature: 'x' }, { feature: 'y' }]);
    expect(error).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledOnce();
    error.mockRestore();
    warn.mockRestore();
  });

  it('creates the global when the host did not', () => {
    const win: { Firstline?: unknown } = {};
    installWindowApi(win, { open: () => {} });
    expect(typeof (win.Firstline as { open: unknown }).open).toBe('function');
  });
});

describe('route watcher', () => {
  it('reports pushState/replaceState/popstate/hashchange and restores history on stop', () => {
    const listeners = new Map<string, () => void>();
    const history = {
      pushState: vi.fn(),
      replaceState: vi.fn(),
    };
    const originalPush = history.pushState;
    const win = {
      history,
      addEventListener: (t: string, fn: () => void) => listeners.set(t, fn),
      removeEventListener: (t: string) => listeners.delete(t),
    } as unknown as Window;
    const onChange = vi.fn();
    const stop = watchRoutes(win, onChange);
    win.history.pushState({}, '', '/billing');
    win.history.replaceState({}, '', '/billing/invoices');
    listeners.get('popstate')!();
    listeners.get('hashchange')!();
    expect(onChange).toHaveBeenCalledTimes(4);
    expect(originalPush).toHaveBeenCalledWith({}, '', '/billing');
    stop();
    expect(win.history.pushState).toBe(originalPush);
    expect(listeners.size).toBe(0);
  });
});
