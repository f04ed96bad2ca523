// A static file server for the budget checks: serves a built site from loopback the way a static
// host does (index.html for folders, gzip when the browser accepts it), with nothing injected.
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join, normalize, extname } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.webp': 'image/webp', '.ics': 'text/calendar', '.csv': 'text/csv', '.txt': 'text/plain', '.xml': 'application/xml',
};
const COMPRESS = new Set(['.html', '.css', '.js', '.json', '.svg', '.ics', '.csv', '.txt', '.xml']);

/** Size of `bytes` gzipped at the default level, as static hosts commonly serve text. */
export function gzipSize(bytes) {
  return gzipSync(bytes).length;
}

/** Serves `dir` on a free loopback port; resolves to `{ url, close() }`. */
export function staticServer(dir) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    path = normalize(path).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      let body = readFileSync(file);
      const ext = extname(file);
      const headers = { 'content-type': TYPES[ext] || 'application/octet-stream', 'cache-control': 'max-age=3600' };
      if (COMPRESS.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        body = gzipSync(body);
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      ok({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
