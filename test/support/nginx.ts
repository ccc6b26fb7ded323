import { spawn, spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/**
 * Debian's nginx, if installed (`NGINX_PATH` names another binary). Tests that need it skip
 * locally without it and fail under CI (CI=true), since .ci/run installs the package.
 */
export function findNginx(): string | undefined {
  for (const candidate of [process.env.NGINX_PATH, '/usr/sbin/nginx', 'nginx']) {
    if (candidate === undefined) continue;
    const probe = spawnSync(candidate, ['-v'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

/** A reply as received. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as received (possibly compressed). */
  raw: Buffer;
  /** The body with its Content-Encoding undone. */
  body: Buffer;
}

/** A raw HTTP request: the path verbatim, only the headers given. */
export function send(
  origin: string,
  target: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${origin}/`,
      { method, headers, path: target, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const coding = res.headers['content-encoding'];
          const body =
            coding === 'gzip' ? gunzipSync(raw) : coding === 'br' ? brotliDecompressSync(raw) : raw;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, body });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Starts `nginx` as the current user under `work/nginx` on 127.0.0.1 (a free port), serving the
 * export `dist` with its generated configuration (`nginx/maps.conf` in `http {}`,
 * `nginx/server.conf` in the server). Rejects when `nginx -t` refuses the configuration.
 */
export async function startNginx(
  nginx: string,
  dist: string,
  work: string,
): Promise<{ origin: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const prefix = path.join(work, 'nginx');
  await mkdir(prefix);
  // A minimal main configuration: everything under the temporary prefix, no root paths.
  // As root, nginx would switch its workers to "nobody", who cannot read the 0700 temp dir.
  const runningAsRoot = process.getuid?.() === 0;
  await writeFile(
    path.join(prefix, 'nginx.conf'),
    `${runningAsRoot ? 'user root;\n' : ''}worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  variables_hash_max_size 2048;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  include ${dist}/nginx/maps.conf;
  server {
    listen 127.0.0.1:${String(port)};
    root ${dist};
    include ${dist}/nginx/server.conf;
  }
}
`,
  );
  const check = spawnSync(nginx, ['-t', '-p', prefix, '-c', `${prefix}/nginx.conf`], {
    encoding: 'utf8',
  });
  if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}`);
  const child = spawn(nginx, ['-p', prefix, '-c', `${prefix}/nginx.conf`, '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitForPort(port, () => log);
  return {
    origin: `http://127.0.0.1:${String(port)}`,
    stop: async () => {
      if (child.pid === undefined || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

async function waitForPort(port: number, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/robots.txt', agent: false },
        (res) => {
          res.resume();
          resolve(true);
        },
      );
      req.on('error', () => {
        resolve(false);
      });
      req.end();
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not start on port ${String(port)}: ${log()}`);
}
