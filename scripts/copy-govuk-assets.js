// Builds public/govuk/ from govuk-frontend: compiles our SCSS (govuk-frontend without the GOV.UK-only
// font) and copies its JavaScript. Runs on every install (postinstall); the output is not committed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "public/govuk");
const dist = path.join(root, "node_modules/govuk-frontend/dist/govuk");

fs.mkdirSync(out, { recursive: true });
const css = sass.compile(path.join(root, "app/styles/portal.scss"), {
  loadPaths: [path.join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "slash-div"],
});
fs.writeFileSync(path.join(out, "portal.css"), css.css);
fs.copyFileSync(path.join(dist, "govuk-frontend.min.js"), path.join(out, "govuk-frontend.min.js"));
console.log("govuk-frontend styles and script written to public/govuk/");
