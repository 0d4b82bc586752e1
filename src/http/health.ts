// Liveness and readiness: /healthz answers while the process is up; /readyz only when the database
// answers and every migration is applied.
import type { Router } from 'express';
import express from 'express';
import type { DataSource } from 'typeorm';

/** Routes /healthz and /readyz. */
export function healthRoutes(dataSource: DataSource): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      const pending = await dataSource.showMigrations();
      if (pending) {
        res.status(503).json({ status: 'migrations pending' });
        return;
      }
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  return router;
}
