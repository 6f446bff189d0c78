/** Events the host page can follow with `Firstline.on(name, fn)`. */
export type HostEventName = 'ready' | 'open' | 'close' | 'message' | 'handoff';
export type HostListener = (payload?: unknown) => void;

export interface HostEvents {
  on(name: unknown, fn: unknown): void;
  off(name: unknown, fn: unknown): void;
  emit(name: HostEventName, payload?: unknown): void;
}

/**
 * The host page's listeners, kept in the loader so `on()` works before the chat has loaded.
 * `ready` happens once: a listener added after it is called at once. A throwing listener is
 * reported and does not stop the others. (Names and listeners are checked by the types in
 * firstline.d.ts; an unknown name simply never fires.)
 */
export function createHostEvents(): HostEvents {
  let listeners: [unknown, HostListener][] = [];
  let ready = false;
  const call = (fn: HostListener, payload?: unknown): void => {
    try {
      fn(payload);
    } catch (err) {
      console.error('[firstline] listener', err);
    }
  };
  return {
    on(name, fn) {
      if (typeof fn !== 'function') return console.warn('[firstline] on: fn is not a function');
      listeners.push([name, fn as HostListener]);
      if (name === 'ready' && ready) call(fn as HostListener);
    },
    off(name, fn) {
      listeners = listeners.filter(([n, f]) => n !== name || f !== fn);
    },
    emit(name, payload) {
      if (name === 'ready') ready = true;
      for (const [n, fn] of listeners) if (n === name) call(fn, payload);
    },
  };
}
