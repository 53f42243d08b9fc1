/** Vite's dev server over the project root, on a free loopback port: serves the test pages under tests/e2e/pages. */
import { createServer, type ViteDevServer } from 'vite';

export async function startDevServer(): Promise<{ url: string; server: ViteDevServer }> {
  const server = await createServer({
    configFile: 'vite.config.ts',
    logLevel: 'error',
    // No hot reload: a file saved during a run must not reload a test page mid-spec.
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false, watch: null },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('dev server has no address');
  return { url: `http://127.0.0.1:${address.port}`, server };
}
