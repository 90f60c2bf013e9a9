import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server (`npm start`) listens on :3000 (API_URL to change it); in development Vite
// serves the app and forwards /api there, so cookies and CSRF behave as in production (same
// origin). `vite preview` uses the same proxy for the built app.
const apiUrl = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: apiUrl, changeOrigin: false } },
  },
  preview: {
    port: 4173,
    proxy: { '/api': { target: apiUrl, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is ~1 MB minified even after tree-shaking; it is cached as its own chunk.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Libraries in long-lived vendor chunks (they change less often than our code);
        // each page is a separate lazy chunk through React.lazy in the module registry.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 30,
            },
            { name: 'antd-icons', test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 25 },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|@emotion|stylis|@babel[\\/]runtime)[\\/]/,
              priority: 20,
            },
            { name: 'dayjs', test: /node_modules[\\/]dayjs[\\/]/, priority: 15 },
          ],
        },
      },
    },
  },
});
