/**
 * `node --import tsx scripts/bench/bare-http.ts <file>`: the floor the portal's pages are compared
 * with. A bare `node:http` server on 127.0.0.1 that answers every request with the same bytes (a
 * copy of the page being compared, captured from the portal a moment earlier), read once at
 * start-up: no routing, no database, no rendering, no compression, no security headers. Prints
 * `{"port": n}` when it is listening; stops on SIGTERM.
 */
import fs from "node:fs";
import http from "node:http";
import type net from "node:net";

const file = process.argv[2];
if (!file) throw new Error("usage: bare-http.ts <file>");
const body = fs.readFileSync(file);
const headers = { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(body.length) };

const server = http.createServer((req, res) => {
  // Read (and discard) any request body, as a real server must, before answering.
  req.resume();
  res.writeHead(200, headers);
  res.end(body);
});
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (server.address() as net.AddressInfo).port }));
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
