import { createServer } from 'node:net';

/**
 * A port the OS says is free right now. Internal servers never use fixed ports, so a start after a crash never
 * meets a port an orphan still holds.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
