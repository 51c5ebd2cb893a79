#!/usr/bin/env node
// A static server for the browser example: the repository's examples/, dist/ and big.js, on
// loopback. `npm run example:browser` starts it (after a build) and prints the address; the
// end-to-end test starts it on a free port.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const SERVED = ['examples/', 'dist/', 'node_modules/big.js/'];
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
};

/** Starts the server on `port` (0: any free port); resolves to { server, url }. */
export function serve(port = 0) {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
    if (path === '' || path === '.') {
      response.writeHead(302, { location: '/examples/browser/' }).end();
      return;
    }
    const file = path.endsWith('/') ? `${path}index.html` : path;
    if (!SERVED.some((prefix) => file.startsWith(prefix))) {
      response.writeHead(404).end('not served');
      return;
    }
    try {
      const body = await readFile(resolve(root, file));
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  return new Promise((done) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      done({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/` });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url } = await serve(Number(process.env.PORT ?? 5173));
  console.log(`liqmath browser example: ${url}  (Ctrl-C to stop)`);
}
