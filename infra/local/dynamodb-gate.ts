import { Agent, createServer, request as forward } from 'node:http';
import { listen } from './aws-json-endpoint.js';

/** A running gate: the endpoint the functions use instead of DynamoDB Local's own. */
export interface DynamoDbGate {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * In front of DynamoDB Local for the functions: at most `connections` requests in it at once, the rest waiting in
 * arrival order. DynamoDB in AWS scales with its callers; DynamoDB Local (one SQLite database under Java) does not:
 * it does one thing at a time and, pressed by hundreds of concurrent requests, spends its time on contention. Each
 * local function has its own SDK client in its own thread (each up to 50 sockets, as in Lambda), so without the gate
 * a burst of daily sweeps in one function could crowd out every other function's requests for minutes; behind it,
 * all functions together get the 50 connections one shared client used to give them.
 */
export async function startDynamoDbGate(target: string, connections = 50): Promise<DynamoDbGate> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const server = createServer((incoming, outgoing) => {
    const proxied = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    proxied.on('error', (error) => {
      // as a connection DynamoDB dropped: the SDK retries
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(`DynamoDB Local did not answer: ${error.message}`);
    });
    incoming.pipe(proxied);
  });
  server.keepAliveTimeout = 30_000;
  const port = await listen(server, 0);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
