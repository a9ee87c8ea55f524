// The team store of the e2e run: PGlite (PostgreSQL 18 in WASM) with pgvector, served over the real wire protocol by
// pglite-socket, set up with README's "Team index" SQL (extension, writer and reader roles, grants), behind a small
// front door that asks each connection for its role's password (cleartext auth; PGlite itself runs every session as
// one user and accepts any password, so without the door a wrong or missing password would go unnoticed).
// usage: node scripts/e2e/team-pg.mjs <info.json>   env: TEAM_WRITER_PASSWORD, TEAM_READER_PASSWORD
// Writes {port, pid} to <info.json> once it accepts connections; SIGTERM/SIGINT stop it (the e2e spec stops it
// mid-run to see the extension fall back; run.sh stops it at the end either way).
import * as fs from 'node:fs';
import * as net from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const infoFile = process.argv[2];
if (!infoFile) throw new Error('usage: team-pg.mjs <info.json>');
const passwords = new Map([
  ['semsearch_writer', process.env.TEAM_WRITER_PASSWORD ?? ''],
  ['semsearch_reader', process.env.TEAM_READER_PASSWORD ?? ''],
]);
for (const [role, pw] of passwords) if (!/^[A-Za-z0-9_-]+$/.test(pw)) throw new Error(`team-pg: ${role}'s password must be set (letters, digits, - and _)`);

const db = await PGlite.create({ extensions: { vector } });
// README, "Team index", Setup.
await db.exec(`
  CREATE EXTENSION IF NOT EXISTS vector;
  CREATE ROLE semsearch_writer LOGIN PASSWORD '${passwords.get('semsearch_writer')}';
  CREATE ROLE semsearch_reader LOGIN PASSWORD '${passwords.get('semsearch_reader')}';
  GRANT CREATE, USAGE ON SCHEMA public TO semsearch_writer;
  GRANT USAGE ON SCHEMA public TO semsearch_reader;
  ALTER DEFAULT PRIVILEGES FOR ROLE semsearch_writer IN SCHEMA public GRANT SELECT ON TABLES TO semsearch_reader;
`);
// Several clients may connect (a closing engine and its successor, the CLI); PGlite runs them all on one session.
const inner = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 8 });
await inner.start();
const innerPort = inner.server.address().port;

const SSL_REQUEST = 80877103;
const msg = (type, body) => {
  const b = Buffer.alloc(5 + body.length);
  b.write(type, 0, 'latin1');
  b.writeInt32BE(4 + body.length, 1);
  body.copy(b, 5);
  return b;
};
const authFailed = (user) =>
  msg('E', Buffer.from(`SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user "${user}"\0\0`));

/** Reads the startup packet (answering an SSLRequest with 'N'), asks for the password, then pipes to PGlite. */
const door = net.createServer((client) => {
  client.on('error', () => undefined);
  let buf = Buffer.alloc(0);
  let startup;
  let user = '';
  const onData = (d) => {
    buf = Buffer.concat([buf, d]);
    if (!startup) {
      if (buf.length < 8) return;
      const len = buf.readInt32BE(0);
      if (buf.length < len) return;
      const packet = buf.subarray(0, len);
      buf = buf.subarray(len);
      if (len === 8 && packet.readInt32BE(4) === SSL_REQUEST) return void client.write('N');
      startup = Buffer.from(packet);
      const kv = packet.subarray(8).toString('utf8').split('\0');
      for (let i = 0; i + 1 < kv.length; i += 2) if (kv[i] === 'user') user = kv[i + 1];
      const auth = Buffer.alloc(4);
      auth.writeInt32BE(3); // AuthenticationCleartextPassword
      client.write(msg('R', auth));
    }
    if (buf.length < 5) return;
    const len = 1 + buf.readInt32BE(1);
    if (buf.length < len) return;
    const given = buf[0] === 0x70 /* 'p' */ ? buf.subarray(5, len - 1).toString('utf8') : undefined;
    const rest = buf.subarray(len);
    client.off('data', onData);
    if (!passwords.has(user) || given !== passwords.get(user)) {
      client.end(authFailed(user));
      return;
    }
    const upstream = net.connect(innerPort, '127.0.0.1', () => {
      upstream.write(startup);
      if (rest.length) upstream.write(rest);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  };
  client.on('data', onData);
});
await new Promise((resolve) => door.listen(0, '127.0.0.1', resolve));
const port = door.address().port;

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  door.close();
  await inner.stop().catch(() => undefined);
  await db.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

fs.writeFileSync(`${infoFile}.tmp`, JSON.stringify({ port, pid: process.pid }));
fs.renameSync(`${infoFile}.tmp`, infoFile);
console.log(`team-pg: PGlite + pgvector on 127.0.0.1:${port} (pid ${process.pid})`);
