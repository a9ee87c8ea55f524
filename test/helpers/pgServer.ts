// A PostgreSQL server for the team-store tests: PGlite (PostgreSQL in WASM) with pgvector behind the real wire
// protocol on 127.0.0.1 and a random port, or a real server from SEMSEARCH_TEST_PG_URL. Plus a TCP proxy the tests
// can cut (a server that goes away mid-query, a connection dropped during a publish).
import * as net from 'node:net';

export interface TestPg {
  url: string;
  /** PGlite in this process (undefined for a real server). */
  pglite: boolean;
  stop(): Promise<void>;
}

export async function startTestPg(): Promise<TestPg> {
  const external = process.env.SEMSEARCH_TEST_PG_URL;
  if (external) return { url: external, pglite: false, stop: async () => undefined };
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite-pgvector');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1' });
  await server.start();
  const address = (server as unknown as { server: net.Server }).server.address() as net.AddressInfo;
  return {
    url: `postgres://postgres:test-secret@127.0.0.1:${address.port}/postgres`,
    pglite: true,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

export interface CuttableProxy {
  url: string;
  /** Destroy every open connection now. */
  cut(): void;
  /** Destroy connections when the client next sends anything (a query in flight). */
  cutOnNextQuery(): void;
  /** Accept connections but never answer (a hung server). */
  blackhole(on: boolean): void;
  close(): Promise<void>;
}

/** A TCP proxy in front of `targetUrl`. */
export async function startProxy(targetUrl: string): Promise<CuttableProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let cutNext = false;
  let hole = false;
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (hole) return;
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.on('data', (d) => {
      if (cutNext) {
        cutNext = false;
        for (const s of sockets) s.destroy();
        return;
      }
      upstream.write(d);
    });
    upstream.on('data', (d) => client.write(d));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    cut: () => {
      for (const s of sockets) s.destroy();
    },
    cutOnNextQuery: () => {
      cutNext = true;
    },
    blackhole: (on) => {
      hole = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
