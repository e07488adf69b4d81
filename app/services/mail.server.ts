/**
 * The one mail service. With SMTP_URL set, messages go to that SMTP server; without it, each is
 * written as an .eml file to the outbox folder (MAIL_OUTBOX, default data/outbox), which any mail
 * program can open. Sending happens after the database commit, never inside a transaction.
 */
import fs from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import nodemailer from "nodemailer";
import { getEnv } from "~/utils/env.server";

export type MailMessage = { to: string; subject: string; text: string };

export async function sendMail(message: MailMessage): Promise<void> {
  const env = getEnv();
  const mail = { from: env.MAIL_FROM, to: message.to, subject: message.subject, text: message.text };
  if (env.SMTP_URL) {
    await nodemailer.createTransport(env.SMTP_URL).sendMail(mail);
    return;
  }
  const info = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(mail);
  const folder = path.resolve(env.MAIL_OUTBOX);
  await fs.mkdir(folder, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.join(folder, `${stamp}-${crypto.randomBytes(4).toString("hex")}.eml`);
  await fs.writeFile(file, info.message as Buffer);
}
