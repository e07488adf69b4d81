/**
 * The real HTTP edge (scripts/http-app.js) around the real production build, listening on a free
 * loopback port for one test file. Needs `npx remix build` first (npm test does it).
 */
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { createHttpApp } from "../../scripts/http-app.js";

export function useHttpServer() {
  const state = { baseUrl: "" };
  let server: import("node:http").Server;
  beforeAll(async () => {
    const buildFile = path.resolve("build/index.js");
    if (!fs.existsSync(buildFile)) throw new Error("build/index.js is missing: run `npx remix build` (npm test does this)");
    const build = await import(/* @vite-ignore */ pathToFileURL(buildFile).href);
    const app = createHttpApp({ build, production: false });
    await new Promise<void>((resolve) => {
      server = app.listen(0, "127.0.0.1", () => resolve());
    });
    state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });
  return state;
}
