import { describe, expect, it } from "vitest";
import { findUserByEmail } from "~/models/user.server";
import { useHttpServer } from "../setup/http";

const server = useHttpServer();

const signUp = new URLSearchParams({
  name: "Mallory",
  organisationName: "Not A Real Group",
  email: "mallory@example.org",
  password: "orchid-tunnel-window",
  confirmPassword: "orchid-tunnel-window",
});

function post(path: string, headers: Record<string, string>) {
  return fetch(`${server.baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: signUp,
  });
}

describe("cross-site form posts", () => {
  it("a post from another origin is refused and changes nothing", async () => {
    const response = await post("/signup", { Origin: "http://evil.example" });
    expect(response.status).toBe(403);
    expect(findUserByEmail("mallory@example.org")).toBeUndefined();
  });

  it("a post the browser marks as cross-site is refused, whatever the Origin says", async () => {
    const response = await post("/signup", { "Sec-Fetch-Site": "cross-site", Origin: server.baseUrl });
    expect(response.status).toBe(403);
    const sameSite = await post("/signup", { "Sec-Fetch-Site": "same-site" });
    expect(sameSite.status).toBe(403);
    expect(findUserByEmail("mallory@example.org")).toBeUndefined();
  });

  it("a post from this site goes through", async () => {
    const response = await post("/signup", { Origin: server.baseUrl, "Sec-Fetch-Site": "same-origin" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/applications");
    expect(findUserByEmail("mallory@example.org")).toBeDefined();
  });
});

describe("every page", () => {
  it("carries the security headers", async () => {
    const response = await fetch(`${server.baseUrl}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get("Content-Security-Policy")!;
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Referrer-Policy")).toBe("same-origin");
    // Inline scripts run only with this response's nonce.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await response.text();
    expect(html).toContain(`nonce="${nonce}"`);
  });

  it("healthcheck answers 200 when the database answers", async () => {
    const response = await fetch(`${server.baseUrl}/healthcheck`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("OK");
  });

  it("an unknown address is a GOV.UK-style 404 page", async () => {
    const response = await fetch(`${server.baseUrl}/no-such-page`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Page not found");
    expect(html).toContain("<title>Page not found - Community safety grants</title>");
  });

  it("a form error puts 'Error: ' in front of the page title (no JavaScript needed)", async () => {
    const response = await fetch(`${server.baseUrl}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.baseUrl },
      body: new URLSearchParams({ email: "nobody@example.org", password: "" }),
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("<title>Error: Sign in - Community safety grants</title>");
    expect(html).toContain("There is a problem");
    expect(html).toContain('href="#password"');
    expect(html).toContain('value="nobody@example.org"');
  });
});

describe("the browser bundle", () => {
  it("uses no Node-only globals, which would stop a page's JavaScript in the browser", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const dir = path.resolve("public/build");
    const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith(".js"));
    expect(files.length).toBeGreaterThan(0);
    const offenders = files.filter((f) => /\bBuffer\.(from|alloc|concat)\b|\bprocess\.(cwd|env\.[A-Z])/.test(fs.readFileSync(path.join(dir, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
