import path from 'node:path';
import { createHostServices } from '../host/services';
import { startKiosk } from './lifecycle';

// Bundled to dist/electron/main.cjs, so `__dirname` is dist/electron both in a checkout and
// inside a packaged app; `import.meta.url` would be empty in the CommonJS bundle.
startKiosk({
  argv: process.argv,
  distDir: path.resolve(__dirname, '..'),
  createServices: createHostServices,
});
