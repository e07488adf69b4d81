import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { sendMail } from "~/services/mail.server";
import { outboxMessages } from "../setup/outbox";

type Received = { from: string | false; to: string[]; raw: string };

describe("mail", () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let smtpUrl: string;

  beforeAll(async () => {
    // A real SMTP server in this process, plain text like a relay on the same host.
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom && session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    delete process.env.SMTP_URL;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(resolve));
  });

  it("with SMTP_URL set, a message reaches the SMTP server with its recipient, subject and body", async () => {
    process.env.SMTP_URL = smtpUrl;
    await sendMail({
      to: "amira@example.org",
      subject: "Your bid MSCF-GR7-0042 has been received",
      text: "Thank you. We received your bid for Growing Rooms at 17:00.",
    });
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message.to).toEqual(["amira@example.org"]);
    expect(message.from).toBe("grants@example.org");
    expect(message.raw).toMatch(/^Subject: Your bid MSCF-GR7-0042 has been received\r?$/m);
    expect(message.raw).toMatch(/^To: amira@example\.org\r?$/m);
    expect(message.raw).toContain("Thank you. We received your bid for Growing Rooms at 17:00.");
    expect(outboxMessages()).toEqual([]);
  });

  it("without SMTP_URL, the message is written to the outbox as an .eml file", async () => {
    await sendMail({ to: "nadia@opcc.example", subject: "You have been invited", text: "Choose a password to start." });
    const messages = outboxMessages();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^To: nadia@opcc\.example\r?$/m);
    expect(messages[0]).toMatch(/^Subject: You have been invited\r?$/m);
    expect(messages[0]).toContain("Choose a password to start.");
  });
});
