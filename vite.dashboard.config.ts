import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The county's dashboard: static files the central server serves at `/` (server/dashboard-files.ts).
export default defineConfig({
  root: 'dashboard',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/dashboard',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // No inline script for the CSP (script-src 'self'); every browser we serve has modulepreload.
    modulePreload: { polyfill: false },
    // Two chunks of about 0.5 MB raw each (the page, and ECharts loaded when a chart is drawn);
    // the budget that matters is gzipped, 350 kB in all, measured by `npm run bench`.
    chunkSizeWarningLimit: 600,
  },
});
