/** Fetches a hub asset, bypassing caches; rejects on a network error or a non-2xx status. */
export async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return response.text();
}
