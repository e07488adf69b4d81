// The HTTP edge around the Remix build: static files, security headers, the cross-site request
// check, a request id for every log line, and errors that never show a stack trace. Shared by the
// server (scripts/serve.js) and the tests, so both exercise exactly the same handler.
import crypto from "node:crypto";
import path from "node:path";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request is refused unless it comes from this site: the browser's
 * Sec-Fetch-Site must not say cross-site, and any Origin must be this host. Requests with neither
 * header (not from a browser, so not a cross-site forgery) are let through.
 */
export function isCrossSite(req) {
  if (SAFE_METHODS.has(req.method)) return false;
  const fetchSite = req.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = req.get("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.get("host");
  } catch {
    return true;
  }
}

export function createHttpApp({ build, root = process.cwd(), production = process.env.NODE_ENV === "production" }) {
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());

  app.use((req, res, next) => {
    res.locals.requestId = crypto.randomUUID();
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    res.set("X-Request-Id", res.locals.requestId);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "same-origin");
    res.set("X-Frame-Options", "DENY");
    res.set(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${res.locals.cspNonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    if (production) res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });

  // Remix 2 writes a streamed body without waiting for the socket to drain. Remember when a write
  // said "slow down" so a streaming loader can wait (context.waitForDrain) before making more.
  app.use((req, res, next) => {
    let needsDrain = false;
    const write = res.write;
    res.write = function (...args) {
      const ok = write.apply(this, args);
      if (!ok) needsDrain = true;
      return ok;
    };
    // Always listening, so a drain that happens before anyone waits still counts.
    res.on("drain", () => {
      needsDrain = false;
    });
    res.locals.waitForDrain = () =>
      needsDrain && !res.destroyed
        ? new Promise((resolve) => {
            const done = () => {
              res.off("close", done);
              resolve();
            };
            res.once("drain", done);
            res.once("close", done);
          })
        : Promise.resolve();
    next();
  });

  app.use((req, res, next) => {
    if (!isCrossSite(req)) return next();
    res.status(403).type("text/plain").send("Cross-site form posts are refused.");
  });

  // Fingerprinted browser bundles can be cached for ever; the rest for an hour.
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      getLoadContext: (_req, res) => ({ requestId: res.locals.requestId, cspNonce: res.locals.cspNonce, waitForDrain: res.locals.waitForDrain }),
    }),
  );

  // Last resort: log the stack with the request id, show the person none of it.
  app.use((error, req, res, _next) => {
    console.error(`[${res.locals.requestId}] ${req.method} ${req.originalUrl}`, error);
    res.status(500).type("text/plain").send(`Sorry, there is a problem with the service. Reference: ${res.locals.requestId}`);
  });
  return app;
}
