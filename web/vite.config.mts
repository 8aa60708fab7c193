import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** `npm run dev`: the console against a running gateway (GATEWAY_URL, default the one `npm start` runs). */
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  build: {
    // The budget test reads which chunks the board's first load pulls in.
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/graphql': gateway, '/console/dev-tokens': gateway },
  },
});
