// The console at /console: the single-page app `npm run build` writes to console/dist, served from
// this server with no CDN. Fingerprinted assets are cached for a year; the page is revalidated on
// every load (so a new build is picked up at once) and answers every client-side route.
import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import type { Request, Response, Router } from 'express';
import express from 'express';

/** Where the console is served. */
export const CONSOLE_PATH = '/console';

/** The nearest directory above `from` with a package.json: the project, whether this module runs
 * from src/ (tests), dist/ (`npm start`) or dist-bench/src/ (the bench). */
function packageRoot(from: string): string {
  for (let directory = from; ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'package.json'))) return directory;
    if (path.dirname(directory) === directory) throw new Error(`no package.json above ${from}`);
  }
}

/** Where `npm run build` writes the console. */
export const CONSOLE_BUILD_DIR = path.join(packageRoot(__dirname), 'console', 'dist');

/** The page loads only this server's own files and talks only to this server (GraphQL and its WebSocket). */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS = {
  'Cache-Control': 'no-cache',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Routes /console (the page for every client-side route) and its static files. */
export function consoleRoutes(buildDir: string = CONSOLE_BUILD_DIR): Router {
  const router = express.Router();
  const page = path.join(buildDir, 'index.html');
  const sendPage = (_req: Request, res: Response) => {
    if (!existsSync(page)) {
      res.status(503).type('text/plain').send('The console is not built: run `npm run build`.\n');
      return;
    }
    res.sendFile(page, { headers: PAGE_HEADERS, cacheControl: false });
  };
  const notFound = (_req: Request, res: Response) => {
    res.status(404).set('Cache-Control', 'no-cache').type('text/plain').send('Not found\n');
  };

  // The script is ~350 kB, ~100 kB gzipped; compressed once per browser, as it is then cached.
  router.use(CONSOLE_PATH, compression());
  // Names carry a content hash: a changed file gets a new name, so these never need revalidating.
  router.use(`${CONSOLE_PATH}/assets`, express.static(path.join(buildDir, 'assets'), { immutable: true, maxAge: '1y', index: false, redirect: false }), notFound);
  router.use(CONSOLE_PATH, express.static(buildDir, { index: false, redirect: false, cacheControl: false, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
  // A path with a file extension names a file, and a missing file is 404; any other path is a page.
  router.get([CONSOLE_PATH, `${CONSOLE_PATH}/*route`], (req, res) => (path.extname(req.path) ? notFound(req, res) : sendPage(req, res)));
  return router;
}
