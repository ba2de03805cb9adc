import { isIP } from 'node:net';
import type { ResolvedSettings } from '../options/hub-options.js';

/**
 * Who may talk to the hub (docs/operations.md, "Who may talk to the hub"). Browsers attach `Origin`
 * and `Host` themselves, so these checks stop other web pages, not other programs: those meet the token.
 */
export interface AccessPolicy {
  /** `--cors-origin` values: origins allowed besides loopback pages and the hub's own. */
  origins: readonly string[];
  /** `--allowed-host` values: `Host` names allowed besides loopback names and IP addresses (`.example.com` adds its subdomains; `all` turns the check off). */
  allowedHosts: readonly string[];
  /** The address or name the hub binds (`--host`): always an allowed `Host`. */
  boundHost?: string;
  token: string | undefined;
}

/** The policy a hub's settings describe. */
export function accessPolicy(settings: Pick<ResolvedSettings, 'corsOrigins' | 'allowedHosts' | 'host' | 'token'>): AccessPolicy {
  return { origins: settings.corsOrigins, allowedHosts: settings.allowedHosts, boundHost: settings.host, token: settings.token };
}

/** `--allowed-host` values that turn the `Host` check off (unsafe: DNS rebinding reaches the hub again). */
export const ANY_HOST: readonly string[] = ['all', 'true'];

/** Pages on any port of these hosts run on the developer's machine (Vite allows the same). */
function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** `Host` header → lowercase hostname (IPv6 in brackets), or undefined when it is not a host[:port]. */
function hostnameOf(host: string): string | undefined {
  return URL.canParse(`http://${host}`) ? new URL(`http://${host}`).hostname : undefined;
}

/**
 * Whether a request's `Host` may reach the hub: a loopback name, any IP address (DNS rebinding needs
 * a name), the bound host, or an `--allowed-host` value. A request without `Host` is not from a browser.
 * Guards against DNS rebinding, as Vite's `server.allowedHosts` (CVE-2025-24010).
 */
export function hostAllowed(policy: AccessPolicy, host: string | undefined): boolean {
  if (host === undefined) return true;
  if (policy.allowedHosts.some((h) => ANY_HOST.includes(h))) return true;
  const hostname = hostnameOf(host);
  if (hostname === undefined) return false;
  if (isLoopbackName(hostname) || isIP(hostname.replace(/^\[|\]$/g, '')) !== 0) return true;
  if (policy.boundHost !== undefined && hostname === policy.boundHost.toLowerCase()) return true;
  return policy.allowedHosts.some((allowed) => {
    const name = allowed.toLowerCase();
    return name.startsWith('.') ? hostname === name.slice(1) || hostname.endsWith(name) : hostname === name;
  });
}

/**
 * Whether a page from `origin` may read the hub's assets and API and connect a socket: a loopback page
 * (`http(s)://localhost|127.0.0.1|[::1]`, any port), the hub's own origin (same host as the request's
 * allowed `Host`), or an `--cors-origin` value.
 */
export function originAllowed(policy: AccessPolicy, origin: string, host: string | undefined): boolean {
  if (policy.origins.includes(origin)) return true;
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (isLoopbackName(url.hostname)) return true;
  const own = host !== undefined && URL.canParse(`${url.protocol}//${host}`) && new URL(`${url.protocol}//${host}`).host === url.host;
  return own && hostAllowed(policy, host);
}

/** The one-line hint a refused page's owner needs. */
export function originRefusal(origin: string): string {
  return `origin ${origin} may not read this hub or connect to it; allow it with --cors-origin ${origin} (or HOTHUB_CORS_ORIGIN)`;
}

export function hostRefusal(host: string | undefined): string {
  return `Host ${host ?? ''} is not allowed (DNS rebinding guard); allow it with --allowed-host ${hostnameOf(host ?? '') ?? '<name>'} (or HOTHUB_ALLOWED_HOST)`;
}
