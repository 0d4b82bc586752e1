// Engine: finds the network targets a plan must never reach — loopback, private (RFC 1918,
// unique-local IPv6), link-local, unspecified and cloud metadata hosts, and `file:` URLs — in any
// string, in every form a resolver would accept (decimal, octal and hex IPv4, IPv6-mapped IPv4,
// `localhost.` and `*.localhost`). No DNS: only what the text itself names. Hosts are normalised by
// the WHATWG URL parser (as fetch would read them) and classified by ipaddr.js.
import ipaddr from 'ipaddr.js';

/** Host names that reach a cloud provider's instance metadata service. */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog']);
/** ipaddr.js ranges a plan may not target. */
const FORBIDDEN_V4_RANGES = new Set(['loopback', 'private', 'linkLocal']);
const FORBIDDEN_V6_RANGES = new Set(['loopback', 'unspecified', 'linkLocal', 'uniqueLocal']);

/** A URL with a scheme anywhere in a text. */
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** A `file:` URL anywhere in a text. */
const FILE_URL = /(^|[^a-z0-9+.-])file:\//i;
/** Characters that end a word when a text is split into candidate hosts. */
const WORD_SEPARATORS = /[\s"'<>`,;()]+/;

/** Why a host is forbidden, or null when it is not. */
export function forbiddenHostReason(rawHost: string): string | null {
  const host = normaliseHost(rawHost);
  if (host === null) return null;
  if (host === 'localhost' || host.endsWith('.localhost')) return `${rawHost} is a loopback host`;
  if (METADATA_HOSTS.has(host)) return `${rawHost} is a cloud metadata host`;
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  if (!ipaddr.isValid(bare)) return null;
  const address = ipaddr.parse(bare);
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return ipv4Reason(rawHost, v6.toIPv4Address());
    return FORBIDDEN_V6_RANGES.has(v6.range()) ? `${rawHost} is a ${rangeWords(v6.range())} address` : null;
  }
  return ipv4Reason(rawHost, address as ipaddr.IPv4);
}

function ipv4Reason(rawHost: string, address: ipaddr.IPv4): string | null {
  const text = address.toString();
  if (text === '169.254.169.254') return `${rawHost} is the cloud metadata address`;
  if (text === '0.0.0.0') return `${rawHost} is the unspecified address`;
  return FORBIDDEN_V4_RANGES.has(address.range()) ? `${rawHost} is a ${rangeWords(address.range())} address (${text})` : null;
}

function rangeWords(range: string): string {
  return ({ linkLocal: 'link-local', uniqueLocal: 'unique-local', uniqueLocalIPv6: 'unique-local' } as Record<string, string>)[range] ?? range;
}

/**
 * The host as the WHATWG URL parser reads it (IPv4 in any notation becomes dotted decimal, IPv6 is
 * bracketed and compressed), lower-cased, without trailing dots; null when it is no host at all.
 */
function normaliseHost(rawHost: string): string | null {
  const trimmed = rawHost.trim();
  if (trimmed.length === 0) return null;
  const literal = !trimmed.startsWith('[') && trimmed.includes(':') && ipaddr.IPv6.isValid(trimmed) ? `[${trimmed}]` : trimmed;
  try {
    return new URL(`http://${literal}/`).hostname.replace(/\.+$/, '');
  } catch {
    return null;
  }
}

/** The host of a URL (any scheme), or null when the URL does not parse. */
function hostOfUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.hostname.length > 0 ? parsed.hostname : null;
  } catch {
    return null;
  }
}

/** The host part of a word that may be `host`, `host:port`, `//host/path` or `[v6]:port`. */
function hostOfWord(word: string): string {
  const withoutSlashes = word.replace(/^\/\//, '').split(/[/?#]/)[0] ?? '';
  if (withoutSlashes.startsWith('[')) return withoutSlashes.slice(0, withoutSlashes.indexOf(']') + 1);
  if (ipaddr.IPv6.isValid(withoutSlashes)) return withoutSlashes;
  return withoutSlashes.replace(/:\d*$/, '');
}

/**
 * Whether a word is read as a host (URLs are always read). A bare decimal names an address only as a
 * whole string and from 2^24 up; digits and dots only when they make four parts (so "10.5" stays a
 * number). Otherwise a whole string is; inside free text, a word with a dot or a colon, or `localhost`.
 */
function looksLikeHost(word: string, whole: boolean): boolean {
  if (/^\d+$/.test(word)) return whole && Number(word) >= 2 ** 24;
  if (/^[\d.]+$/.test(word)) return word.split('.').length === 4;
  if (whole) return true;
  return /[.:]/.test(word) || /^(\/\/)?localhost$/i.test(word);
}

/**
 * Why a string names a forbidden target, one reason per target found. A string that is a host on its
 * own is read in every notation (even a bare decimal like `2130706433`); inside free text, URLs and
 * words that look like hosts are read.
 */
export function forbiddenTargetsIn(text: string): string[] {
  const reasons: string[] = [];
  if (FILE_URL.test(text)) reasons.push('a file: URL reaches the local file system');
  const urls = text.match(URL_IN_TEXT) ?? [];
  for (const url of urls) {
    const host = hostOfUrl(url);
    const reason = host && forbiddenHostReason(host);
    if (reason) reasons.push(reason);
  }
  const rest = urls.reduce((remaining, url) => remaining.replace(url, ' '), text);
  const words = rest.split(WORD_SEPARATORS).filter((word) => word.length > 0);
  const whole = words.length === 1 && text.trim() === words[0];
  for (const word of words) {
    if (!looksLikeHost(word, whole)) continue;
    const reason = forbiddenHostReason(hostOfWord(word));
    if (reason) reasons.push(reason);
  }
  return [...new Set(reasons)];
}

/** Every string in a JSON value (object keys' values, arrays, nested), depth-first. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
