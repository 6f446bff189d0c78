/** The admin's appearance (GET /api/widget/config), applied by the loader; fields as the server derives them. */
export interface Look {
  color: string;
  colorDark: string;
  onColor: string;
  position: string;
  teamName: string;
  greeting: string;
  avatarUrl: string;
  initial: string;
}

/** Null when the server is unreachable or answers oddly: the built-in look stays. */
export function loadLook(serverUrl: string): Promise<Look | null> {
  return fetch(`${serverUrl}/api/widget/config`)
    .then((r) => (r.ok ? r.json() : null))
    .then(
      (j: { appearance?: Look } | null) => j?.appearance ?? null,
      () => null,
    );
}

/** Colours as CSS custom properties on the host (CSSOM, so a strict style-src allows it) and the launcher side. */
export function applyLook(host: HTMLElement, look: Look): void {
  const s = host.style;
  s.setProperty('--fl-primary', look.color);
  s.setProperty('--fl-primary-dark', look.colorDark);
  s.setProperty('--fl-on', look.onColor);
  host.dataset.position = look.position === 'left' ? 'left' : 'right';
}
