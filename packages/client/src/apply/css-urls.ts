const URL_REF = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;
const IMPORT_REF = /@import\s+(['"])([^'"]+)\1/g;

/**
 * A sheet moved from `<link href>` into a `<style>` resolves relative URLs against the page,
 * not the sheet: make them absolute against the sheet's own URL.
 */
export function absolutizeCssUrls(css: string, sheetUrl: string): string {
  const resolveRef = (ref: string) => {
    if (ref.startsWith('#') || ref.startsWith('data:')) return ref;
    try {
      return new URL(ref, sheetUrl).href;
    } catch {
      return ref;
    }
  };
  return css
    .replace(URL_REF, (_m, quote: string, ref: string) => `url(${quote}${resolveRef(ref.trim())}${quote})`)
    .replace(IMPORT_REF, (_m, quote: string, ref: string) => `@import ${quote}${resolveRef(ref)}${quote}`);
}
