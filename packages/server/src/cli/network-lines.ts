import { networkInterfaces } from 'node:os';
import { ANY_HOST } from '../access/access-policy.js';
import type { ResolvedSettings } from '../options/hub-options.js';

const WILDCARDS = ['0.0.0.0', '::'];

/** Non-internal IPv4 addresses of this machine: where other devices on the LAN reach the hub. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((address) => (address && address.family === 'IPv4' && !address.internal ? [address.address] : []));
}

/**
 * Startup lines of a hub bound to every interface (`--host 0.0.0.0`): its LAN URLs and which `Host`
 * names it answers, so a name that is refused (DNS rebinding guard) is no surprise. None otherwise.
 * @example
 * networkLines({ host: '0.0.0.0', allowedHosts: [] }, 'http://0.0.0.0:8888') // ['  on your network: http://192.168.1.5:8888', '  answers Host: …']
 */
export function networkLines(settings: Pick<ResolvedSettings, 'host' | 'allowedHosts'>, url: string | undefined): string[] {
  if (url === undefined || !WILDCARDS.includes(settings.host)) return [];
  const { port, protocol } = new URL(url);
  const lines = lanAddresses().map((address) => `  on your network: ${protocol}//${address}:${port}`);
  if (settings.allowedHosts.some((host) => ANY_HOST.includes(host))) {
    return [...lines, '  answers any Host (--allowed-host all): unsafe, any web page can reach the hub through DNS rebinding'];
  }
  const names = ['localhost', 'IP addresses', ...settings.allowedHosts];
  return [...lines, `  answers Host: ${names.join(', ')}; add a name with --allowed-host NAME`];
}
