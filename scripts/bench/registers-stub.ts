/**
 * The three public registers (Charity Commission, Companies House, postcodes.io) answered on
 * loopback, so a submission's after-commit register checks run their real code without the
 * benchmark sending anything beyond 127.0.0.1. Answers come at once with the registers' own field
 * names (as tests/mocks/registers.ts writes them): the real registers' network time is theirs,
 * not the portal's, and would only add to the submit's latency after the bid is already committed.
 * Runs as `node --import tsx scripts/bench/registers-stub.ts` (prints `{"port": n}`; GET /requests
 * answers how many look-ups it has served).
 */
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import type net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startLoopbackChild } from "./loopback-child";

export const REGISTER_KEY = "bench-key";

function answer(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function route(url: string, res: http.ServerResponse) {
  const charity = /^\/charity-commission\/allcharitydetailsV2\/(\d+)\/\d+$/.exec(url);
  if (charity) {
    const number = Number(charity[1]);
    return answer(res, 200, {
      organisation_number: number + 5_000_000,
      reg_charity_number: number,
      group_subsid_suffix: 0,
      charity_name: `Bench charity ${number}`,
      charity_type: "Charitable company",
      reg_status: "R",
      date_of_registration: "2005-04-12T00:00:00",
      date_of_removal: null,
      latest_income: 48250.5,
      latest_expenditure: 41000,
      charity_co_reg_number: null,
      address_post_code: "LS1 1UR",
    });
  }
  const company = /^\/companies-house\/company\/([A-Z0-9]+)$/i.exec(url);
  if (company) {
    return answer(res, 200, {
      company_number: company[1],
      company_name: `BENCH COMPANY ${company[1]} CIC`,
      company_status: "active",
      type: "community-interest-company",
      date_of_creation: "2015-03-01",
      jurisdiction: "england-wales",
      registered_office_address: { address_line_1: "1 Park Row", locality: "Leeds", postal_code: "LS1 1UR" },
    });
  }
  const postcode = /^\/postcodes-io\/postcodes\/([A-Z0-9]+)$/i.exec(url);
  if (postcode) {
    const compact = postcode[1].toUpperCase();
    return answer(res, 200, {
      status: 200,
      result: { postcode: `${compact.slice(0, -3)} ${compact.slice(-3)}`, country: "England", admin_district: "Leeds", admin_ward: "Little London & Woodhouse", pfa: "West Yorkshire", region: null },
    });
  }
  answer(res, 404, { error: "not found" });
}

export type RegistersStub = { env: Record<string, string>; requests: () => Promise<number>; stop: () => Promise<void> };

/**
 * Starts the stub in its own process (so it neither slows nor is slowed by autocannon in the
 * benchmark's process) and returns the environment that points the portal at it.
 */
export async function startRegistersStub(root: string, servers: Set<ChildProcess>): Promise<RegistersStub> {
  const stub = await startLoopbackChild(root, "scripts/bench/registers-stub.ts", [], "The registers stub", servers);
  const base = stub.origin;
  return {
    env: {
      CHARITY_COMMISSION_API_URL: `${base}/charity-commission`,
      CHARITY_COMMISSION_API_KEY: REGISTER_KEY,
      COMPANIES_HOUSE_API_URL: `${base}/companies-house`,
      COMPANIES_HOUSE_API_KEY: REGISTER_KEY,
      POSTCODES_API_URL: `${base}/postcodes-io`,
    },
    requests: async () => Number(await (await fetch(`${base}/requests`)).text()),
    stop: stub.stop,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  let count = 0;
  const server = http.createServer((req, res) => {
    if (req.url === "/requests") return res.end(String(count));
    count++;
    route(req.url ?? "/", res);
  });
  server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as net.AddressInfo).port })));
  process.on("SIGTERM", () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
