// Serves the production build: `npm start` (and `npm run demo`). Pending migrations are applied when
// the build is loaded (app/entry.server.tsx opens the database at start-up).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createHttpApp } from "./http-app.js";

const port = Number(process.env.PORT || 3000);
const build = await import(pathToFileURL(path.resolve("build/index.js")).href);
const app = createHttpApp({ build });
const server = app.listen(port, () => {
  console.log(`Community safety grants is running at http://localhost:${port}`);
  if (process.env.DEMO_SIGN_INS) console.log(process.env.DEMO_SIGN_INS);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
