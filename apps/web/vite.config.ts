import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';
import { preloadFirstPaint } from './preload-first-paint.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
// The API the dev server forwards `/api` to (another port when several copies run side by side).
const apiTarget = process.env['GUICHET_API_URL'] ?? 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [react(), preloadFirstPaint(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: { '/api': apiTarget },
  },
  preview: {
    proxy: { '/api': apiTarget },
  },
});
