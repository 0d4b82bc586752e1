// The console's build: Vite + React into console/dist, served by the server at /console (`npm run
// build`). `npm run console:dev` serves it with hot reload and forwards /graphql (HTTP and WebSocket)
// to a server started with `npm start` (CONSOLE_API, default http://127.0.0.1:4000).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.CONSOLE_API ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One page, a few hundred kilobytes: a single chunk loads in one round trip.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/graphql': { target: api, ws: true } },
  },
});
