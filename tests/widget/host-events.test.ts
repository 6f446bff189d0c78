// Firstline.on/off: the host app follows the widget; listeners live in the loader, so they work
// before the chat has loaded, and one broken listener does not silence the others.
import { describe, expect, it, vi } from 'vitest';
import { createHostEvents } from '../../widget/host-events.js';

describe('host page events', () => {
  it('calls listeners for their event with the payload, until removed with off', () => {
    const events = createHostEvents();
    const seen: unknown[] = [];
    const onMessage = (m: unknown) => seen.push(['message', m]);
    events.on('message', onMessage);
    events.on('open', () => seen.push(['open']));
    events.emit('message', { id: 'm1' });
    events.emit('open');
    events.emit('close');
    events.off('message', onMessage);
    events.emit('message', { id: 'm2' });
    expect(seen).toEqual([['message', { id: 'm1' }], ['open']]);
  });

  it('ready happens once: a listener added afterwards is called at once', () => {
    const events = createHostEvents();
    const early = vi.fn();
    events.on('ready', early);
    events.emit('ready');
    const late = vi.fn();
    events.on('ready', late);
    expect(early).toHaveBeenCalledOnce();
    expect(late).toHaveBeenCalledOnce();
  });

  it('reports a throwing listener and still calls the next; refuses a listener that is not a function', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const events = createHostEvents();
    const next = vi.fn();
    events.on('handoff', () => {
      throw new Error('host bug');
    });
    events.on('handoff', next);
    events.on('handoff', 'not a function');
    events.on('__proto__', () => {}); // no prototype games
    events.emit('handoff', { reason: 'asked_for_human' });
    expect(next).toHaveBeenCalledWith({ reason: 'asked_for_human' });
    expect(error).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledOnce();
    expect(({} as Record<string, unknown>).push).toBeUndefined();
    error.mockRestore();
    warn.mockRestore();
  });
});
