/**
 * `npx tsx scripts/bench/staff-session.ts <email>` (with DATABASE_PATH and the server's NODE_ENV
 * and DEMO_MODE, so the cookie carries the name the server reads): prints `{"cookie": ...}` for a
 * new session of a demo member of staff that has already passed the second factor.
 *
 * Staff must use an authenticator before they see any bid or money. The benchmark measures pages,
 * not the sign-in journey (which is throttled per address and tested elsewhere), so it makes the
 * session the way tests do: `createSession` with `secondFactorAt`, after making sure the person
 * has an authenticator in force (the demo seed gives demo staff one; older data sets may lack it).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { closeDatabase, writeTransaction } from "#db/client";
import { createSession } from "~/models/session.server";
import { activateTwoFactor } from "~/models/two-factor.server";
import { findUserByEmail } from "~/models/user.server";
import { serializeSessionCookie } from "~/utils/session.server";
import { demoTotpSecret } from "../seed/demo-two-factor";

/** The Cookie header value for a fresh, fully signed-in session of `email`. */
export async function staffSessionCookie(email: string): Promise<string> {
  const user = findUserByEmail(email);
  if (!user) throw new Error(`No account ${email}`);
  const token = writeTransaction((tx) => {
    if (!user.totpConfirmedAt) {
      const secret = demoTotpSecret(email);
      if (!secret) throw new Error(`${email} has no authenticator and is not a demo account`);
      activateTwoFactor(tx, { userId: user.id, secret, step: null, now: new Date(Date.now() - 1_000) });
    }
    const now = new Date();
    return createSession(tx, user.id, now, now);
  });
  return (await serializeSessionCookie(token)).split(";")[0];
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const email = process.argv[2];
  if (!email) throw new Error("usage: staff-session.ts <email>");
  const cookie = await staffSessionCookie(email);
  closeDatabase();
  console.log(JSON.stringify({ cookie }));
}
