import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { pageChunks, precompressAssets, signInPage } from './buildPlugins.ts';

const chunks = pageChunks('src/startApp.tsx');

/**
 * The web app. `npm run web:dev` serves it with hot reload on :5173 and forwards /api to the API
 * of a running `npm start` (:3000); `npm run web:build` writes web/dist, which the API serves.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), chunks.plugin, precompressAssets(), signInPage()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: { output: { codeSplitting: { groups: chunks.groups } } },
  },
  server: {
    port: 5173,
    proxy: { '/api': `http://localhost:${process.env.PORT ?? '3000'}` },
  },
});
