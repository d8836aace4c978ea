import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app/App';
import { createAppDeps } from './app/start';
import { getBridge } from './bridge/get-bridge';
import './styles/kiosk.css';
import './kiosk/child-mode.css';

// The page's CSP forbids eval: zod must not even try its compiled parsers (a CSP report each time).
z.config({ jitless: true });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App deps={createAppDeps(getBridge())} />
    </StrictMode>,
  );
}
