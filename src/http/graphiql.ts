// The local GraphiQL page (ruru) with its static files served from this server: no CDN involved.
// The page asks for an API key once, keeps it in the browser's localStorage and sends it as
// `Authorization: Bearer <key>` — over HTTP for queries and the schema (docs), and in graphql-ws's
// connectionParams for subscriptions — so everything works on first load.
import type { Router } from 'express';
import express from 'express';
import { ruruHTML } from 'ruru/server';
import { serveStatic } from 'ruru/static';

const STATIC_PATH = '/graphiql/static/';

/** Where the page keeps the key (localStorage). */
export const GRAPHIQL_KEY_STORAGE = 'governance-graphiql.api-key';

/** Runs after ruru's RURU_CONFIG is declared, before ruru starts: asks for the key when none is
 * kept; makes it the Authorization header shown in the first and every new tab (graphql-ws sends
 * the headers as connectionParams); and adds it to this page's requests to /graphql that carry no
 * Authorization of their own — GraphiQL fetches the schema before its header editor exists. */
const API_KEY_SCRIPT = `
<script>
  (function () {
    var STORAGE = ${JSON.stringify(GRAPHIQL_KEY_STORAGE)};
    var key = localStorage.getItem(STORAGE);
    if (!key) {
      key = (window.prompt('API key for this server (kept in this browser; clear the site data to change it)') || '').trim();
      if (key) localStorage.setItem(STORAGE, key);
    }
    if (!key) return;
    var headers = JSON.stringify({ Authorization: 'Bearer ' + key }, null, 2);
    RURU_CONFIG.initialHeaders = headers;
    RURU_CONFIG.defaultHeaders = headers;
    var endpoint = new URL(RURU_CONFIG.endpoint, location.href).href;
    var pageFetch = window.fetch.bind(window);
    window.fetch = function (input, init) {
      var url = new URL(input instanceof Request ? input.url : String(input), location.href).href;
      if (url !== endpoint) return pageFetch(input, init);
      var withKey = new Headers(init && init.headers);
      if (!withKey.has('authorization')) withKey.set('authorization', 'Bearer ' + key);
      return pageFetch(input, Object.assign({}, init, { headers: withKey }));
    };
  })();
</script>`;

/** Routes `/graphiql` (the page) and its assets. */
export function graphiqlRoutes(): Router {
  const router = express.Router();
  const page = ruruHTML({
    endpoint: '/graphql',
    subscriptionEndpoint: '/graphql',
    staticPath: STATIC_PATH,
    htmlParts: { configScript: (original) => original + API_KEY_SCRIPT },
  });
  router.get('/graphiql', (_req, res) => {
    res.type('html').send(page);
  });
  // Unmounted on purpose: ruru's middleware matches the full URL (Express would strip the prefix).
  router.use(serveStatic(STATIC_PATH));
  return router;
}
