import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiTarget = process.env.ACCORD_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: __dirname,
  plugins: [react()],
  // the portal shares enums and response shapes with the API (libs/contracts: pure data, no runtime deps)
  resolve: { alias: { '@accord/contracts': path.resolve(__dirname, '../../libs/contracts/index.ts') } },
  build: {
    outDir: path.resolve(__dirname, '../../dist/portal'),
    emptyOutDir: true,
    // antd is the bulk of the shared chunk (~700 kB, ~225 kB gzip); admin pages are lazy chunks
    chunkSizeWarningLimit: 1000,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/health': { target: apiTarget, changeOrigin: true },
      '/socket.io': { target: apiTarget, ws: true, changeOrigin: true },
    },
  },
});
