/**
 * Leaflet's stylesheet is a separate, non-injected bundle (`leaflet.css`), linked only when a map is opened.
 * Resolves once it has loaded (or failed to: the map still draws, unstyled). Shared by every map view.
 */
export function loadLeafletCss(document: Document): Promise<void> {
  const existing = document.getElementById('leaflet-css') as HTMLLinkElement | null;
  if (existing?.sheet) return Promise.resolve();
  const link = existing ?? document.createElement('link');
  const loaded = new Promise<void>((resolve) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
  });
  if (!existing) {
    link.id = 'leaflet-css';
    link.rel = 'stylesheet';
    link.href = 'leaflet.css';
    document.head.append(link);
  }
  return loaded;
}
