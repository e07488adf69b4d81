/**
 * `npm run demo:code -- assessor@example.org`: prints the code the demo account's authenticator
 * would show now, for people trying the demo without adding it to an authenticator app. With no
 * address, prints every demo staff account's code. Works from the published demo secrets only:
 * it cannot make a code for any real account.
 */
import { DEMO_TOTP_SECRETS, demoCode } from "./seed/demo-two-factor";

const emails = process.argv.slice(2).filter((arg) => arg !== "--");
const wanted = emails.length > 0 ? emails : Object.keys(DEMO_TOTP_SECRETS);
let failed = false;
for (const email of wanted) {
  const code = demoCode(email);
  if (!code) {
    console.error(`${email} is not a demo staff account. Demo staff: ${Object.keys(DEMO_TOTP_SECRETS).join(", ")}`);
    failed = true;
    continue;
  }
  const line = `${code.code}  (${email}; changes in ${code.secondsLeft} s)`;
  // One address: the code alone on the first line, easy to copy or to read from a script.
  console.log(wanted.length === 1 ? `${code.code}\n(${email}; changes in ${code.secondsLeft} s)` : line);
}
process.exit(failed ? 1 : 0);
