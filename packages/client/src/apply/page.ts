/** Where the scroll position waits across the reload: `x y url`, this tab only. */
const SCROLL_KEY = 'hothub:scroll';
/** Long enough to read "Reloading: index.html changed" before the page goes. */
const RELOAD_DELAY_MS = 400;

/**
 * Does this page use the page file `id`? An HTML file when it is this page's path (`/` is
 * `index.html`), a script when a `<script src>` loads it; a template could render any page: yes.
 */
export function usesPage(id: string): boolean {
  const own = (path: string) => decodeURI(path).endsWith(`/${id}`);
  if (/\.[cm]?js$/i.test(id)) return [...document.scripts].some((script) => script.src && own(new URL(script.src).pathname));
  return !/\.html?$/i.test(id) || own(location.pathname.replace(/\/$/, '/index.html'));
}

/** Reloads the page in a moment, keeping its scroll position for `restoreScroll` on the other side. */
export function reloadPage(): void {
  setTimeout(() => {
    sessionStorage.setItem(SCROLL_KEY, `${scrollX} ${scrollY} ${location.href}`);
    location.reload();
  }, RELOAD_DELAY_MS);
}

/** After a reload this SDK made: back to where the user was, once the page has its height. */
export function restoreScroll(): void {
  const [x, y, href] = (sessionStorage.getItem(SCROLL_KEY) ?? '').split(' ');
  sessionStorage.removeItem(SCROLL_KEY);
  if (href !== location.href) return;
  const scroll = () => scrollTo(Number(x), Number(y));
  if (document.readyState === 'complete') scroll();
  else addEventListener('load', scroll, { once: true });
}
