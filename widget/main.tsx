/**
 * Entry of the embeddable widget:
 *   <script src="https://support.example.com/widget.js" data-firstline async></script>
 * Optional attributes: data-server (Firstline origin, when the script is hosted elsewhere),
 * data-title (panel heading).
 */
import { createChatModel } from './chat-model.js';
import { createSuggestionSource } from './suggestions.js';
import { createCommands } from './commands/index.js';
import { defineFirstlineElement, ELEMENT_NAME } from './firstline-element.js';
import { watchRoutes } from './route-watcher.js';
import { createSafeStorage } from './safe-storage.js';
import { readScriptAttributes, resolveScriptConfig } from './script-config.js';
import { installWindowApi } from './window-api.js';

// document.currentScript is only set while this script first runs: read it before anything async.
const attributes = readScriptAttributes(document);

function boot(): void {
  if (customElements.get(ELEMENT_NAME)) {
    console.warn('[firstline] widget script included twice; ignoring the second copy');
    return;
  }
  const config = resolveScriptConfig(attributes, location.href);
  const model = createChatModel({
    serverUrl: config.serverUrl,
    storage: createSafeStorage(() => window.localStorage),
    location: () => ({ url: location.href, title: document.title }),
  });
  defineFirstlineElement({ model, title: config.title, suggestions: createSuggestionSource(config.serverUrl) });

  // Also called by open(): single-page apps sometimes wipe <body>, taking the element with them.
  const mount = (): void => {
    if (document.body && !document.querySelector(ELEMENT_NAME)) document.body.append(document.createElement(ELEMENT_NAME));
  };

  // Queued identify/setContext calls run before the first connection, so the handshake carries them.
  installWindowApi(window as { Firstline?: unknown }, createCommands({ model, mount }));
  watchRoutes(window, () => model.pageChanged());

  // An async script can run before the host's deferred scripts (which usually call identify);
  // waiting for DOMContentLoaded lets a resumed conversation connect with the identity already set.
  const ready = (): void => {
    mount();
    model.start();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready, { once: true });
  else ready();
}

boot();
