// Test support: a real MQTT broker, Debian's `mosquitto`, on a free loopback port with a generated
// config (anonymous, or users from a password file made with `mosquitto_passwd`), optionally a
// WebSocket listener too. Killed when the test process exits, like socat in socat-pty.ts.
// Reused by the MQTT source and CLI `record --mqtt` tests.
//
// API:
//   const broker = await startMosquitto();                            // anonymous, mqtt://127.0.0.1:PORT
//   const broker = await startMosquitto({ users: { ann: 'secret' } }); // password file, no anonymous
//   const broker = await startMosquitto({ websockets: true });         // also broker.wsUrl
//   const broker = await startMosquitto({ tls: true });                // mqtts:// with a certificate for
//                                                                      // 127.0.0.1 signed by broker.caPath
//   broker.url, broker.wsUrl, broker.port
//   await broker.stop()                  // kill -9: clients see the connection drop
//   await broker.start()                 // again, at the same port(s)
//   await broker.dispose()               // kill, remove the temp dir
// Needs `mosquitto` and `mosquitto_passwd` (Debian: mosquitto; installed by .ci/run).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { stopChild } from './stop-child';

export interface MosquittoOptions {
  /** User name -> password; when given, anonymous clients are refused. Default: anonymous allowed. */
  users?: Record<string, string>;
  /** Also listen for MQTT over WebSocket. Default `false`. */
  websockets?: boolean;
  /**
   * MQTT over TLS only (`mqtts://`): a CA and a server certificate for 127.0.0.1 that it signs,
   * made with `openssl` in the temp dir (broker.caPath). Default `false`.
   */
  tls?: boolean;
}

export interface Mosquitto {
  port: number;
  url: string;
  /** `ws://127.0.0.1:PORT` when started with `websockets`. */
  wsUrl: string | null;
  /** The CA's PEM file when started with `tls`. */
  caPath: string | null;
  dir: string;
  /** Kills the broker (default SIGKILL: no goodbye to the clients). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again at the same port(s). */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

// Debian installs the broker in /usr/sbin, which is not on every user's PATH.
function binary(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin'])) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${name} not found: install Debian's mosquitto package (apt-get install mosquitto mosquitto-clients)`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// Whatever a failed or timed-out test leaves running is killed when the test process exits.
const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of alive) c.kill('SIGKILL');
});

/** A throwaway CA (DIR/ca.crt) and a server certificate for 127.0.0.1 it signs (DIR/server.crt, .key). */
function makeCertificates(dir: string): string {
  const openssl = (...args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed (is openssl installed?): ${r.stderr ?? r.error?.message}`);
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=sensorcast test CA');
  openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'server.ext');
  return join(dir, 'ca.crt');
}

export async function startMosquitto(options: MosquittoOptions = {}): Promise<Mosquitto> {
  const dir = mkdtempSync(join(tmpdir(), 'sensorcast-mqtt-'));
  const port = await freePort();
  const wsPort = options.websockets ? await freePort() : null;
  const config = [
    `listener ${port} 127.0.0.1`,
    ...(wsPort ? [`listener ${wsPort} 127.0.0.1`, 'protocol websockets'] : []),
    'persistence false',
    // Run as whoever runs the tests (root in CI would otherwise switch to the `mosquitto` user, which cannot read DIR).
    ...(process.getuid?.() === 0 ? ['user root'] : []),
    'max_queued_messages 100000',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
  ];
  if (options.users) {
    const passwords = join(dir, 'passwords');
    writeFileSync(passwords, '', { mode: 0o600 });
    for (const [user, password] of Object.entries(options.users)) {
      const r = spawnSync(binary('mosquitto_passwd'), ['-b', passwords, user, password], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`mosquitto_passwd failed: ${r.stderr}`);
    }
    config.push('allow_anonymous false', `password_file ${passwords}`);
  } else {
    config.push('allow_anonymous true');
  }
  const caPath = options.tls ? makeCertificates(dir) : null;
  if (caPath) config.splice(1, 0, `cafile ${caPath}`, `certfile ${join(dir, 'server.crt')}`, `keyfile ${join(dir, 'server.key')}`);
  const configPath = join(dir, 'mosquitto.conf');
  writeFileSync(configPath, `${config.join('\n')}\n`);

  let child: ChildProcess | null = null;
  const launch = async () => {
    const c = spawn(binary('mosquitto'), ['-c', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    alive.add(c);
    c.once('exit', () => alive.delete(c));
    let stderr = '';
    c.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child = c;
    const end = Date.now() + 5000;
    while (!((await accepts(port)) && (wsPort === null || (await accepts(wsPort))))) {
      if (c.exitCode !== null || Date.now() > end) {
        c.kill('SIGKILL');
        throw new Error(`mosquitto did not start on port ${port}: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const kill = async (signal: NodeJS.Signals) => {
    const c = child;
    child = null;
    await stopChild(c, signal);
  };
  await launch();
  return {
    port,
    url: `${caPath ? 'mqtts' : 'mqtt'}://127.0.0.1:${port}`,
    wsUrl: wsPort ? `ws://127.0.0.1:${wsPort}` : null,
    caPath,
    dir,
    stop: (signal = 'SIGKILL') => kill(signal),
    async start() {
      await kill('SIGKILL');
      await launch();
    },
    async dispose() {
      await kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
