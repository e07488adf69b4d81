/**
 * The HTTP edge as production runs it (NODE_ENV=production, no DEMO_MODE): the cookie and transport
 * headers that only production sends, no-store on signed-in pages, methods no page uses, and errors
 * that show a reference but never a stack trace while the log keeps it with the request id.
 */
import crypto from "node:crypto";
import net from "node:net";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createHttpApp } from "../../scripts/http-app.js";
import { createUser, TEST_PASSWORD } from "../factories/accounts";
import { takeConsoleErrors } from "../setup/fail-on-console-error";

const saved = { NODE_ENV: process.env.NODE_ENV, DEMO_MODE: process.env.DEMO_MODE, TOTP_ENCRYPTION_KEY: process.env.TOTP_ENCRYPTION_KEY };
const ERROR_SECRET = "loader-blew-up-with-a-secret-detail";
let server: Server;
let baseUrl = "";

/** The real build, except that two loaders throw, so the error path can be seen end to end. */
function buildWithFailingLoaders(build: { routes: Record<string, { module: Record<string, unknown> }> }) {
  const failing = () => {
    throw new Error(ERROR_SECRET);
  };
  const routes = { ...build.routes };
  for (const id of ["routes/healthcheck", "routes/rounds._index"]) {
    if (!routes[id]) throw new Error(`route ${id} is not in the build`);
    routes[id] = { ...routes[id], module: { ...routes[id].module, loader: failing } };
  }
  return { ...build, routes };
}

beforeAll(async () => {
  process.env.NODE_ENV = "production";
  delete process.env.DEMO_MODE;
  process.env.TOTP_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
  const build = await import(/* @vite-ignore */ pathToFileURL(path.resolve("build/index.js")).href);
  const app = createHttpApp({ build: buildWithFailingLoaders(build), production: true });
  await new Promise<void>((resolve) => {
    server = app.listen(0, "127.0.0.1", () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

async function signInAsApplicant() {
  const user = await createUser("applicant");
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email: user.email, password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(302);
  return response.headers.get("Set-Cookie") ?? "";
}

describe("in production", () => {
  it("the session cookie is __Host- prefixed, Secure, HttpOnly and SameSite=Lax, for the whole site and no other domain", async () => {
    const setCookie = await signInAsApplicant();
    expect(setCookie).toMatch(/^__Host-portal_session=[^;]+/);
    expect(setCookie).toMatch(/;\s*Secure/i);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    expect(setCookie).not.toMatch(/Domain=/i);
  });

  it("every answer asks browsers to use HTTPS from now on (HSTS)", async () => {
    for (const page of ["/", "/login", "/no-such-page"]) {
      const response = await fetch(`${baseUrl}${page}`);
      expect(response.headers.get("Strict-Transport-Security"), page).toBe("max-age=31536000; includeSubDomains");
    }
  });

  it("signed-in pages are never stored by the browser or a proxy; public pages may be", async () => {
    const cookie = (await signInAsApplicant()).split(";")[0];
    const signedIn = await fetch(`${baseUrl}/applications`, { headers: { Cookie: cookie } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get("Content-Type")).toContain("text/html");
    expect(signedIn.headers.get("Cache-Control")).toBe("no-store");
    const account = await fetch(`${baseUrl}/account`, { headers: { Cookie: cookie } });
    expect(account.headers.get("Cache-Control")).toBe("no-store");
    const publicPage = await fetch(`${baseUrl}/funded`);
    expect(publicPage.headers.get("Cache-Control") ?? "").not.toContain("no-store");
  });
});

describe("methods no page uses", () => {
  it.each(["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS"])("%s is answered 405 with Allow, before any route runs", async (method) => {
    // fetch refuses to send TRACE (and node:http's client mis-reads its answer), so this is written
    // straight to a socket, with a form body as an attacker would send it.
    const body = new URLSearchParams({ email: "someone@example.org", password: "x" }).toString();
    const { port } = new URL(baseUrl);
    const raw = await new Promise<string>((resolve, reject) => {
      let text = "";
      const socket = net.connect(Number(port), "127.0.0.1", () => {
        socket.end(`${method} /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${baseUrl}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      });
      socket.on("data", (chunk) => (text += chunk));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    const answer = { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]), allow: /\r\nAllow: ([^\r]+)/i.exec(raw)?.[1] };
    expect(answer.status).toBe(405);
    expect(answer.allow).toBe("GET, HEAD, POST");
    expect(takeConsoleErrors()).toEqual([]);
  });

  it("folders of static files are not listed", async () => {
    for (const folder of ["/build/", "/govuk/", "/build", "/govuk"]) {
      const response = await fetch(`${baseUrl}${folder}`);
      expect(response.status, folder).toBe(404);
      const html = await response.text();
      expect(html, folder).not.toMatch(/Index of|<a href="[^"]+\.js"/);
    }
  });
});

describe("when a loader fails", () => {
  it("a page shows a reference, never the error or a stack trace, and the log has both with the request id", async () => {
    const response = await fetch(`${baseUrl}/rounds`);
    expect(response.status).toBe(500);
    const requestId = response.headers.get("X-Request-Id")!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const html = await response.text();
    expect(html).not.toContain(ERROR_SECRET);
    expect(html).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(html).not.toContain("node_modules");
    const calls = vi.mocked(console.error).mock.calls;
    const logged = calls.find((args) => String(args[0]).includes(requestId));
    expect(logged, "the error is logged under the request id").toBeDefined();
    expect(String(logged![0])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z \[[0-9a-f-]{36}\] GET \/rounds/);
    expect((logged![1] as Error).stack).toContain(ERROR_SECRET);
    takeConsoleErrors();
  });

  it("a resource route answers 500 without the error's text, and the log has it with the request id", async () => {
    const response = await fetch(`${baseUrl}/healthcheck`);
    expect(response.status).toBe(500);
    const requestId = response.headers.get("X-Request-Id")!;
    const body = await response.text();
    expect(body).not.toContain(ERROR_SECRET);
    expect(body).not.toMatch(/\n\s+at /);
    const logged = vi.mocked(console.error).mock.calls.find((args) => String(args[0]).includes(requestId));
    expect(logged).toBeDefined();
    expect((logged![1] as Error).message).toBe(ERROR_SECRET);
    takeConsoleErrors();
  });
});
