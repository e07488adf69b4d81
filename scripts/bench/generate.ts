/**
 * `npx tsx scripts/bench/generate.ts <path> <rounds> <bidsPerRound>`: the scale data set of
 * scripts/generate-scale-data.ts at a chosen size, into a fresh file (used by `npm run bench` for
 * the large set and for a small one to compare against). Run with NODE_ENV=development: the demo
 * accounts are never seeded in production.
 */
import fs from "node:fs";
import path from "node:path";
import { closeDatabase } from "#db/client";
import { generateScaleData } from "../generate-scale-data";

const [fileArg, roundsArg, bidsArg] = process.argv.slice(2);
if (!fileArg || !roundsArg || !bidsArg) throw new Error("usage: generate.ts <path> <rounds> <bidsPerRound>");
const file = path.resolve(fileArg);
if (fs.existsSync(file)) throw new Error(`${file} already exists: the benchmark writes only fresh files`);
process.env.DATABASE_PATH = file;
const result = await generateScaleData({ rounds: Number(roundsArg), bidsPerRound: Number(bidsArg) });
closeDatabase();
console.log(JSON.stringify(result));
