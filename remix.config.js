/** Remix v2 classic compiler. better-sqlite3 and argon2 are native modules and stay external. */
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Lazy route discovery stays off: with about 95 routes the whole route manifest is one cached
    // file (under 5 KB compressed), whereas discovery made every page render match each parent
    // path of its URL against every route, a third of the server's CPU for a page like a round's
    // (`npm run bench`, docs/benchmarks.md).
  },
};
