// The console's files as the server serves them at /console: the page for every client-side route
// (revalidated on each load, with a Content-Security-Policy that allows only this server), its
// fingerprinted assets cached for a year, 404 for missing files, and nothing loaded from elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('GET /console', () => {
  let server: TestServer;
  let origin: string;
  beforeAll(async () => {
    server = await startTestServer();
    origin = new URL(server.url).origin;
  });
  afterAll(() => server.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${origin}${path}`, { headers });

  it.each(['/console', '/console/', '/console/jobs', '/console/contracts/ctr_0b6d7a0e-1f7c-4f4e-9d0a-3c2b1a000000', '/console/runs?agent=a-1'])(
    'answers %s with the page, revalidated on every load, allowed to load and connect only to this server',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<div id="root"></div>');
    },
  );

  it('loads only its own fingerprinted assets, cached for a year as immutable; the page answers 304 when unchanged', async () => {
    const page = await get('/console');
    const html = await page.text();
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(references.length).toBeGreaterThanOrEqual(3);
    for (const reference of references) expect(reference).toMatch(/^\/console\//);
    const assets = references.filter((reference) => reference.startsWith('/console/assets/'));
    expect(assets.map((asset) => asset.split('.').pop()).sort()).toEqual(['css', 'js']);
    for (const asset of assets) {
      const response = await get(asset);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // No font, stylesheet or script from elsewhere.
      expect(await response.text()).not.toMatch(/@import|url\(\s*["']?https?:|fonts\.googleapis/);
    }
    // As a browser revalidates (fetch would add `cache-control: no-cache` to a conditional request of its own).
    const revalidated = await get('/console', { 'if-none-match': page.headers.get('etag')!, 'cache-control': 'max-age=0' });
    expect(revalidated.status).toBe(304);
  });

  it('answers 404 for a missing asset or file, never the page', async () => {
    for (const path of ['/console/assets/index-missing.js', '/console/robots.txt', '/console/jobs/logo.png']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('<div id="root">');
    }
  });
});
