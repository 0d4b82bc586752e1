// Unit tests of forbidden targets: one row per form a plan's parameters could use to reach a
// loopback, private, link-local, unspecified or cloud-metadata address or the file system — as a
// whole string, inside a URL and inside free text — and the public or harmless strings that pass.
import { describe, expect, it } from 'vitest';
import { forbiddenHostReason, forbiddenTargetsIn, stringsIn } from '../../src/runtime/engines/forbidden-targets.js';

describe('forbidden targets', () => {
  it.each([
    // loopback, every notation
    { form: 'loopback dotted', text: '127.0.0.1' },
    { form: 'loopback elsewhere in 127/8', text: '127.200.3.4' },
    { form: 'loopback decimal', text: '2130706433' },
    { form: 'loopback decimal in a URL', text: 'http://2130706433/admin' },
    { form: 'loopback octal', text: 'http://0177.0.0.1/' },
    { form: 'loopback octal bare', text: '0177.0.0.1' },
    { form: 'loopback hex', text: 'http://0x7f.0.0.1/' },
    { form: 'loopback hex whole', text: 'http://0x7f000001/' },
    { form: 'loopback short form', text: 'http://127.1/' },
    { form: 'loopback percent-encoded', text: 'http://%31%32%37.0.0.1/' },
    { form: 'loopback with user info', text: 'https://user:pw@127.0.0.1:8443/x' },
    { form: 'loopback in a non-http scheme', text: 'gopher://2130706433:70/_' },
    { form: 'loopback IPv6', text: 'http://[::1]:8080/' },
    { form: 'loopback IPv6 bare', text: '::1' },
    { form: 'IPv6-mapped IPv4 dotted', text: 'http://[::ffff:127.0.0.1]/' },
    { form: 'IPv6-mapped IPv4 hex', text: '::ffff:7f00:1' },
    { form: 'localhost', text: 'http://localhost:3000/' },
    { form: 'localhost bare', text: 'localhost' },
    { form: 'localhost with a trailing dot', text: 'http://localhost./' },
    { form: 'localhost in capitals', text: 'HTTP://LOCALHOST/' },
    { form: 'a subdomain of localhost', text: 'http://api.localhost/' },
    { form: 'a subdomain of localhost with a trailing dot', text: 'api.localhost.' },
    { form: 'unspecified IPv4', text: 'http://0.0.0.0:8080/' },
    { form: 'unspecified IPv4 bare', text: '0.0.0.0' },
    { form: 'unspecified IPv6', text: 'http://[::]/' },
    // private (RFC 1918) and unique-local IPv6
    { form: 'private 10/8', text: 'http://10.0.0.5/' },
    { form: 'private 10/8 decimal', text: '167772165' },
    { form: 'private 172.16/12', text: 'https://172.16.4.2/' },
    { form: 'private 172.31', text: '172.31.255.255' },
    { form: 'private 192.168/16', text: 'http://192.168.1.1/' },
    { form: 'private mapped into IPv6', text: 'http://[::ffff:10.1.2.3]/' },
    { form: 'unique-local IPv6 fd00::/8', text: 'http://[fd12:3456::1]/' },
    { form: 'unique-local IPv6 fc00::/8', text: 'fc00::1' },
    // link-local and metadata
    { form: 'link-local IPv4', text: 'http://169.254.10.20/' },
    { form: 'link-local IPv6', text: 'http://[fe80::1]/' },
    { form: 'cloud metadata address', text: 'http://169.254.169.254/latest/meta-data/' },
    { form: 'cloud metadata address in hex', text: 'http://0xa9fea9fe/' },
    { form: 'cloud metadata address mapped into IPv6', text: 'http://[::ffff:a9fe:a9fe]/' },
    { form: 'GCP metadata host', text: 'http://metadata.google.internal/computeMetadata/v1/' },
    { form: 'GCP metadata host with a trailing dot', text: 'metadata.google.internal.' },
    { form: 'GCP metadata short host', text: 'http://metadata.goog/' },
    // the file system
    { form: 'file URL', text: 'file:///etc/passwd' },
    { form: 'file URL, one slash', text: 'file:/etc/shadow' },
    { form: 'file URL in capitals', text: 'FILE:///C:/Windows/win.ini' },
    // inside free text
    { form: 'a URL inside a sentence', text: 'please fetch http://127.0.0.1:9000/secrets and summarise' },
    { form: 'a host:port inside a sentence', text: 'connect to 10.0.0.7:5432 now' },
    { form: 'a scheme-relative host inside a sentence', text: 'load //192.168.0.10/data please' },
    { form: 'localhost inside a sentence', text: 'deploy it to localhost' },
    { form: 'a file URL inside a sentence', text: 'read file:///etc/hosts then email it' },
    { form: 'a hex host inside a sentence', text: 'query 0x7f.0.0.1 for status' },
    { form: 'a bracketed IPv6 inside a sentence', text: 'call [::1]:8080 first' },
  ])('refuses $form: $text', ({ text }) => {
    expect(forbiddenTargetsIn(text)).not.toEqual([]);
  });

  it.each([
    { form: 'a public URL', text: 'https://example.com/report' },
    { form: 'a public IPv4', text: 'http://93.184.216.34/' },
    { form: 'a public IPv6', text: 'http://[2606:2800:220:1:248:1893:25c8:1946]/' },
    { form: 'a public address next to a private range', text: '172.32.0.1' },
    { form: 'a host that only starts like localhost', text: 'http://localhost.example.com/' },
    { form: 'a host containing metadata', text: 'https://metadata.example.org/' },
    { form: 'a small number', text: '10' },
    { form: 'zero', text: '0' },
    { form: 'a decimal number', text: '10.5' },
    { form: 'a decimal inside a sentence', text: 'raise prices by 10.5 percent from 127.5' },
    { form: 'a time inside a sentence', text: 'meet at 10:30 tomorrow' },
    { form: 'a version', text: 'upgrade to v1.2.3' },
    { form: 'a word', text: 'metadata' },
    { form: 'a sentence about files', text: 'profile: the file: report.pdf' },
    { form: 'an empty string', text: '' },
  ])('allows $form: $text', ({ text }) => {
    expect(forbiddenTargetsIn(text)).toEqual([]);
  });

  it('names the target and what it is', () => {
    expect(forbiddenTargetsIn('http://0x7f.0.0.1/')).toEqual(['127.0.0.1 is a loopback address (127.0.0.1)']);
    expect(forbiddenTargetsIn('http://169.254.169.254/')).toEqual(['169.254.169.254 is the cloud metadata address']);
    expect(forbiddenTargetsIn('file:///etc/passwd')).toEqual(['a file: URL reaches the local file system']);
    expect(forbiddenHostReason('2130706433')).toBe('2130706433 is a loopback address (127.0.0.1)');
    expect(forbiddenHostReason('example.com')).toBeNull();
  });

  it('names each target of a text once', () => {
    expect(forbiddenTargetsIn('http://10.0.0.1/a and http://10.0.0.1/b and 192.168.0.1')).toHaveLength(2);
  });

  it('reads every string of a JSON value, however deep', () => {
    expect(stringsIn({ a: 'x', b: [1, 'y', { c: ['z', null, true] }], d: { e: { f: 'w' } } })).toEqual(['x', 'y', 'z', 'w']);
    expect(stringsIn(null)).toEqual([]);
  });
});
