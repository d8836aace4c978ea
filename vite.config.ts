import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built to static files that both hosts serve: the browser host over
// loopback HTTP, Electron through its app:// protocol. Relative base keeps both working.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  define: {
    __HYMY_BUILD_TIME__: JSON.stringify(new Date().toISOString()),
  },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // One bundle read from loopback (or app:// in Electron), never over a network: ~500 kB is
    // a few ms of cold start (measured by `npm run bench`), not a download to split.
    chunkSizeWarningLimit: 800,
  },
});
