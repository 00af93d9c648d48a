// The workbench page: load the saved workspace (or open the first scenario) and render the app.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { useStore } from './store/index.ts';
import './styles.css';
import './parts.css';
import './inspector.css';
import './matrix.css';
import './token.css';

void useStore.getState().init();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
