// The HTTP edge around the Remix build: static files, security headers, the cross-site request
// check, a request id for every log line, and errors that never show a stack trace. Shared by the
// server (scripts/serve.js) and the tests, so both exercise exactly the same handler.
import crypto from "node:crypto";
import path from "node:path";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST"]);

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

/**
 * Express's `trust proxy` from the TRUST_PROXY setting. Off unless set: behind a proxy that is not
 * named here every request seems to come from the proxy (so all users share one throttle), and
 * trusting X-Forwarded-For from anyone would let a client choose its own address.
 */
export function trustProxySetting(value) {
  const text = (value ?? "").trim();
  if (text === "" || text === "false" || text === "off") return false;
  if (text === "true") return true;
  if (/^\d+$/.test(text)) return Number(text);
  return text.split(",").map((part) => part.trim()).filter(Boolean);
}

// Every form in the portal posts as a URL-encoded web form, except the documents page, whose route
// reads its multipart upload itself, as a stream, with its own limits.
const FORM_TYPE = "application/x-www-form-urlencoded";
const UPLOAD_PATH = /^\/applications\/[^/]+\/documents\/?$/;
const FORM_MAX_BYTES = 2 * 1024 * 1024;

/**
 * A body no page of ours sends is refused before any route runs: any other type (or a broken
 * multipart body) makes Remix's request.formData() throw, which would be a 500 in every action,
 * and a form body is read whole into memory, so it is refused by its announced size (413) and
 * must announce one (411).
 */
export function formBodyRefusal(req) {
  if (SAFE_METHODS.has(req.method)) return undefined;
  const type = (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "multipart/form-data" && UPLOAD_PATH.test(req.path)) return undefined;
  if (type !== FORM_TYPE) return { status: 415, message: "The form could not be read: it must be sent as a web form." };
  const length = req.get("content-length");
  if (length === undefined && req.get("transfer-encoding") !== undefined) return { status: 411, message: "The form could not be read: its length must be given." };
  if (Number(length) > FORM_MAX_BYTES) return { status: 413, message: "The form is too large to be read." };
  return undefined;
}

export function createHttpApp({ build, root = process.cwd(), production = process.env.NODE_ENV === "production", trustProxy = process.env.TRUST_PROXY }) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(trustProxy));
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

  // The portal's pages only ever GET and POST. Any other method (TRACE, PUT, DELETE…) is answered
  // here, so it never reaches an action that would try to read it as a form.
  app.use((req, res, next) => {
    if (ALLOWED_METHODS.has(req.method)) return next();
    res.status(405).set("Allow", [...ALLOWED_METHODS].join(", ")).type("text/plain").send("This method is not allowed here.");
  });

  app.use((req, res, next) => {
    if (!isCrossSite(req)) return next();
    res.status(403).type("text/plain").send("Cross-site form posts are refused.");
  });

  app.use((req, res, next) => {
    const refusal = formBodyRefusal(req);
    if (!refusal) return next();
    // The unread rest of a refused body is not worth receiving.
    if (refusal.status === 413) res.set("Connection", "close");
    res.status(refusal.status).type("text/plain").send(refusal.message);
  });

  // Fingerprinted browser bundles can be cached for ever; the rest for an hour.
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      getLoadContext: (req, res) => ({
        requestId: res.locals.requestId,
        cspNonce: res.locals.cspNonce,
        waitForDrain: res.locals.waitForDrain,
        // The socket's address, or the client's as told by a proxy named in TRUST_PROXY.
        clientAddress: req.ip ?? req.socket.remoteAddress,
      }),
    }),
  );

  // Last resort: log the stack with the request id, show the person none of it.
  app.use((error, req, res, _next) => {
    console.error(`${new Date().toISOString()} [${res.locals.requestId}] ${req.method} ${req.originalUrl}`, error);
    res.status(500).type("text/plain").send(`Sorry, there is a problem with the service. Reference: ${res.locals.requestId}`);
  });
  return app;
}
