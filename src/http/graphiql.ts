// The local GraphiQL page (ruru) with its static files served from this server: no CDN involved.
import type { Router } from 'express';
import express from 'express';
import { ruruHTML } from 'ruru/server';
import { serveStatic } from 'ruru/static';

const STATIC_PATH = '/graphiql/static/';

/** Routes `/graphiql` (the page) and its assets. */
export function graphiqlRoutes(): Router {
  const router = express.Router();
  const page = ruruHTML({ endpoint: '/graphql', subscriptionEndpoint: '/graphql', staticPath: STATIC_PATH });
  router.get('/graphiql', (_req, res) => {
    res.type('html').send(page);
  });
  // Unmounted on purpose: ruru's middleware matches the full URL (Express would strip the prefix).
  router.use(serveStatic(STATIC_PATH));
  return router;
}
