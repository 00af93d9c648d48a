import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

const root = import.meta.dirname;

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  // Monaco's editor worker is an ES module worker (Vite `?worker` import); keep it that way in builds.
  worker: { format: 'es' },
  build: {
    // Two pages: the workbench and the in-browser run of the engine vector suite (DESIGN §6.5).
    rolldownOptions: {
      input: {
        main: resolve(root, 'index.html'),
        selftest: resolve(root, 'selftest.html'),
      },
      // Named chunks, so the build output says what each costs: the engine (shared by both pages),
      // React, and Monaco (loaded lazily by the message pane).
      output: {
        codeSplitting: {
          groups: [
            // Vite's preload helper is used by both the app and Monaco's own lazy imports; on its
            // own it keeps the Monaco chunk out of the initial load.
            { name: 'runtime', test: /preload-helper|modulepreload-polyfill/, priority: 10 },
            { name: 'monaco', test: /[\\/]node_modules[\\/]monaco-editor[\\/]/ },
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|zustand)[\\/]/ },
            { name: 'engine', test: /[\\/]src[\\/]engine[\\/]|[\\/]node_modules[\\/](@xmldom|@noble|@peculiar|asn1js|pvtsutils|pvutils|tslib)[\\/]/ },
          ],
        },
      },
    },
    // Monaco is one large lazy chunk by design; don't warn about it.
    chunkSizeWarningLimit: 4000,
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60000,
    hookTimeout: 60000,
  },
});
