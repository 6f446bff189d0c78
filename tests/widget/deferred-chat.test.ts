// Until the chat chunk has loaded, the loader stands in for it: nothing a host or visitor does in
// that time is lost or reordered, open() fetches the chat, and a failed fetch can be retried.
import { describe, expect, it, vi } from 'vitest';
import { createDeferredChat, type ChatApi } from '../../widget/deferred-chat.js';

function recordingChat(calls: string[]): ChatApi {
  const rec = (name: string) => (arg?: unknown) =>
    void calls.push(arg === undefined ? name : `${name}:${JSON.stringify(arg)}`);
  return {
    identify: rec('identify'),
    setContext: rec('setContext'),
    open: rec('open'),
    close: rec('close'),
    reportPage: rec('reportPage'),
    shutdown: rec('shutdown'),
    start: rec('start'),
    pageChanged: rec('pageChanged'),
  };
}

describe('the loader before the chat has loaded', () => {
  it(
    'replays calls in order once loaded, ' + 'drops route changes (the handshake carries the page), then calls through',
    async () => {
      const calls: string[] = [];
      const fetchChat = vi.fn(async () => recordingChat(calls));
      const chat = createDeferredChat(fetchChat);
      chat.identify({ id: 'u1' });
      chat.pageChanged();
      chat.setContext({ feature: 'billing' });
      chat.start();
      expect(fetchChat).not.toHaveBeenCalled(); // nothing fetched until asked
      expect(await chat.load()).toBe(true);
      expect(calls).toEqual(['identify:{"id":"u1"}', 'setContext:{"feature":"billing"}', 'start']);
      chat.pageChanged();
      chat.close();
      expect(calls.slice(3)).toEqual(['pageChanged', 'close']);
      await chat.load();
      expect(fetchChat).toHaveBeenCalledOnce();
    },
  );

  it('open() fetches the chat and opens it after the calls made before it', async () => {
    const calls: string[] = [];
    let resolve!: (c: ChatApi) => void;
    const chat = createDeferredChat(() => new Promise((r) => (resolve = r)));
    chat.identify({ id: 'u2' });
    chat.open();
    chat.open(); // a second click while the chunk is on its way fetches nothing more
    resolve(recordingChat(calls));
    await chat.load();
    expect(calls).toEqual(['identify:{"id":"u2"}', 'open', 'open']);
  });

  it('says why when the chunk cannot be fetched, keeps the calls, and tries again on the next open', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const calls: string[] = [];
    const fetchChat = vi
      .fn<() => Promise<ChatApi>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue(recordingChat(calls));
    const chat = createDeferredChat(fetchChat);
    chat.setContext({ step: 1 });
    expect(await chat.load()).toBe(false);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('could not load the chat'), expect.any(TypeError));
    chat.open();
    await chat.load();
    expect(fetchChat).toHaveBeenCalledTimes(2);
    expect(calls).toEqual(['setContext:{"step":1}', 'open']);
    error.mockRestore();
  });

  it('one failing call does not stop the replay of the others', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const calls: string[] = [];
    const real = recordingChat(calls);
    const chat = createDeferredChat(async () => ({
      ...real,
      identify: () => {
        throw new Error('host bug');
      },
    }));
    chat.identify('nonsense');
    chat.open();
    await chat.load();
    expect(calls).toEqual(['open']);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});
