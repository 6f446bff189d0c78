// The window.Firstline commands beyond identify/setContext/open/close/page: shutdown, on/off,
// hide/show, through the same installWindowApi the loader uses (queued calls included).
import { describe, expect, it, vi } from 'vitest';
import { createCommands } from '../../widget/commands/index.js';
import type { CommandContext } from '../../widget/commands/command-context.js';
import { createHostEvents } from '../../widget/host-events.js';
import { installWindowApi } from '../../widget/window-api.js';

function context(log: string[]): CommandContext {
  const chat = {
    identify: vi.fn(),
    setContext: vi.fn(),
    open: () => log.push('chat.open'),
    close: () => log.push('chat.close'),
    reportPage: vi.fn(),
    shutdown: () => log.push('chat.shutdown'),
  };
  return {
    chat,
    mount: () => log.push('mount'),
    events: createHostEvents(),
    setLauncherHidden: (h) => log.push(`launcherHidden:${h}`),
    forget: () => log.push('forget'),
  };
}

describe('window.Firstline host API', () => {
  it('shutdown forgets the stored visitor first (even before the chat has loaded), then shuts the chat down', () => {
    const log: string[] = [];
    installWindowApi({ Firstline: { q: [['shutdown']] } }, createCommands(context(log)));
    expect(log).toEqual(['forget', 'chat.shutdown']);
  });

  it('hide and show toggle the launcher; open still opens the panel', () => {
    const log: string[] = [];
    const win: { Firstline?: unknown } = {};
    const api = installWindowApi(win, createCommands(context(log))) as Record<string, () => void>;
    api.hide!();
    api.open!();
    api.show!();
    expect(log).toEqual(['launcherHidden:true', 'mount', 'chat.open', 'launcherHidden:false']);
  });

  it('on and off, queued before the script loaded or called later', () => {
    const log: string[] = [];
    const ctx = context(log);
    const heard: string[] = [];
    const onOpen = () => heard.push('open');
    const api = installWindowApi({ Firstline: { q: [['on', 'open', onOpen]] } }, createCommands(ctx)) as Record<
      string,
      (...a: unknown[]) => void
    >;
    ctx.events.emit('open');
    api.off!('open', onOpen);
    ctx.events.emit('open');
    api.on!('close', () => heard.push('close'));
    ctx.events.emit('close');
    expect(heard).toEqual(['open', 'close']);
  });

  it('has exactly the methods the published types declare', () => {
    expect(Object.keys(createCommands(context([]))).sort()).toEqual([
      'close',
      'hide',
      'identify',
      'off',
      'on',
      'open',
      'page',
      'setContext',
      'show',
      'shutdown',
    ]);
  });
});
