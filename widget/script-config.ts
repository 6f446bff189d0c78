/** What the embedding <script> tag tells the widget. */
export interface ScriptConfig {
  /** Origin of the Firstline server, e.g. "https://support.example.com". */
  serverUrl: string;
  /** Panel heading. */
  title: string;
}

export interface ScriptAttributes {
  src: string | null;
  server: string | null;
  title: string | null;
  /** `data-launcher` ("hidden": start with the launcher hidden). */
  launcher: string | null;
  /**
   * The tag's data-* attributes, read when the chat loads (copying a dataset at boot is page time
   * the launcher does not need); the chat reads `data-user-*` from them as identify() fields
   * (tag-identity.ts).
   */
  dataset(): Record<string, string | undefined>;
}

/**
 * The server is wherever the script was loaded from, unless `data-server` says otherwise; when
 * neither can be read (inline bundle, odd loaders) the page's own origin is the best guess.
 */
export function resolveScriptConfig(
  attrs: Pick<ScriptAttributes, 'src' | 'server' | 'title'>,
  pageHref: string,
): ScriptConfig {
  const serverUrl =
    httpOrigin(attrs.server, pageHref) ?? httpOrigin(attrs.src, pageHref) ?? httpOrigin(pageHref, pageHref) ?? '';
  const title = (attrs.title ?? '').trim().slice(0, 80) || 'Support';
  return { serverUrl, title };
}

function httpOrigin(value: string | null, base: string): string | null {
  if (!value) return null;
  try {
    const u = new URL(value, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** Finds our <script>: currentScript only works while the script first runs, hence the fallback. */
export function readScriptAttributes(doc: Document): ScriptAttributes {
  const current = doc.currentScript;
  const script =
    current instanceof HTMLScriptElement && current.src
      ? current
      : doc.querySelector<HTMLScriptElement>('script[data-firstline]');
  return {
    src: script?.src || null,
    server: script?.getAttribute('data-server') ?? null,
    title: script?.getAttribute('data-title') ?? null,
    launcher: script?.getAttribute('data-launcher') ?? null,
    dataset: () => ({ ...script?.dataset }),
  };
}
