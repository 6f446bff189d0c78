import { render } from 'preact';
import type { ChatModel } from './chat-model.js';
import { App } from './components/App.js';
import type { SuggestionSource } from './suggestions.js';
import css from './styles.css?inline';

export const ELEMENT_NAME = 'firstline-widget';

export interface ElementOptions {
  model: ChatModel;
  title: string;
  /** Help articles offered in the empty panel. */
  suggestions?: SuggestionSource;
}

/**
 * Defines <firstline-widget>: an open shadow root (so browser tests and assistive tech can reach
 * in) holding the inlined stylesheet and the Preact app. Removing the element unmounts the UI but
 * keeps the model, so moving or re-adding it resumes where it was.
 */
/**
 * A constructed stylesheet is not inline style for Content-Security-Policy, so the widget works on
 * host pages with a strict `style-src` (the demo app has one). A `<style>` element is the
 * fallback for browsers without constructable stylesheets.
 */
function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.prepend(style);
}

export function defineFirstlineElement({ model, title, suggestions }: ElementOptions): void {
  class FirstlineWidgetElement extends HTMLElement {
    private mountPoint: HTMLDivElement | null = null;

    connectedCallback(): void {
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      if (!this.mountPoint) {
        this.mountPoint = document.createElement('div');
        root.append(this.mountPoint);
        adoptStyles(root);
        // Keys typed in the chat must not trigger the host app's global shortcuts: outside the
        // shadow root the event target is retargeted to <firstline-widget>, so a host check like
        // "ignore keys typed into inputs" cannot tell. Our own handlers run before this point.
        for (const type of ['keydown', 'keyup', 'keypress']) root.addEventListener(type, (e) => e.stopPropagation());
      }
      render(
        <App model={model} title={title} baseUrl={() => document.baseURI} suggestions={suggestions} page={() => ({ url: location.href, title: document.title })} />,
        this.mountPoint,
      );
    }

    disconnectedCallback(): void {
      if (this.mountPoint) render(null, this.mountPoint);
    }
  }
  customElements.define(ELEMENT_NAME, FirstlineWidgetElement);
}
