/**
 * Absolute URL of a hub path such as an event's `url` (`/assets/style/main.css?v=…`). Joined, not
 * resolved: behind a path prefix (`https://app.test/dev`) the hub's paths live under that prefix.
 */
export function assetHref(hubUrl: string, path: string): string {
  return `${hubUrl}${path.startsWith('/') ? '' : '/'}${path}`;
}
