import { createLauncher, type LauncherHandle } from './launcher-button.js';
import launcherCss from './launcher.css?inline';

export const ELEMENT_NAME = 'firstline-widget';

/** What the chat chunk plugs into the element once it has loaded. */
export interface ChatView {
  /** The panel's stylesheet, adopted into each shadow root before the first render. */
  css: string;
  render(mountPoint: HTMLElement, launcher: LauncherHandle): void;
  unmount(mountPoint: HTMLElement): void;
}

export interface ElementOptions {
  /** A click on the launcher (before or after the chat has loaded). */
  onOpen(): void;
  /** The visitor is about to click the launcher (pointer over it, or focus on it). */
  onHint(): void;
}

export interface FirstlineElementControl {
  /** Renders the chat into every connected <firstline-widget>, and into those added later. */
  attach(view: ChatView): void;
  /** `Firstline.hide()` / `show()`, for every launcher now and later. */
  setLauncherHidden(hidden: boolean): void;
}

/**
 * A constructed stylesheet is not inline style for Content-Security-Policy, so the widget works on
 * host pages with a strict `style-src` (the demo app has one). A `<style>` element is the
 * fallback for browsers without constructable stylesheets. The loader adopts the launcher's sheet, then
 * the chat chunk's (ChatView.css) when it arrives: one copy of each, one adopter.
 */
function adoptStyles(root: ShadowRoot, css: string): void {
  if (
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet !== 'undefined' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.prepend(style);
}

/**
 * Defines <firstline-widget>: an open shadow root (so browser tests and assistive tech can reach
 * in) holding the stylesheet, the launcher (plain DOM, part of the loader) and a mount point for
 * the chat. Removing the element unmounts the chat UI but keeps its model, so moving or re-adding
 * it resumes where it was.
 */
export function defineFirstlineElement({ onOpen, onHint }: ElementOptions): FirstlineElementControl {
  let view: ChatView | null = null;
  let launcherHidden = false;
  const connected = new Set<FirstlineWidgetElement>();

  class FirstlineWidgetElement extends HTMLElement {
    launcher: LauncherHandle | null = null;
    mountPoint: HTMLDivElement | null = null;
    chatStyled = false;

    show(chat: ChatView): void {
      if (!this.chatStyled) adoptStyles(this.shadowRoot!, chat.css);
      this.chatStyled = true;
      chat.render(this.mountPoint!, this.launcher!);
    }

    connectedCallback(): void {
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      if (!this.mountPoint) {
        adoptStyles(root, launcherCss);
        const box = document.createElement('div');
        box.className = 'fl-root';
        this.launcher = createLauncher(document, onOpen, onHint);
        this.launcher.setHidden(launcherHidden);
        this.mountPoint = document.createElement('div');
        box.append(this.launcher.button, this.mountPoint);
        root.append(box);
        // Keys typed in the chat must not trigger the host app's global shortcuts: outside the
        // shadow root the event target is retargeted to <firstline-widget>, so a host check like
        // "ignore keys typed into inputs" cannot tell. Our own handlers run before this point.
        for (const type of ['keydown', 'keyup', 'keypress']) root.addEventListener(type, (e) => e.stopPropagation());
      }
      connected.add(this);
      if (view) this.show(view);
    }

    disconnectedCallback(): void {
      connected.delete(this);
      if (this.mountPoint) view?.unmount(this.mountPoint);
    }
  }
  customElements.define(ELEMENT_NAME, FirstlineWidgetElement);

  return {
    attach(next) {
      view = next;
      for (const el of connected) el.show(next);
    },
    setLauncherHidden(hidden) {
      launcherHidden = hidden;
      for (const el of connected) el.launcher!.setHidden(hidden);
    },
  };
}
