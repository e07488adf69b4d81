// smtp-server ships no types and @types/smtp-server is not installed; this covers what the mail test uses.
declare module "smtp-server" {
  import type { Server } from "node:net";
  import type { Readable } from "node:stream";

  export type SMTPAddress = { address: string };
  export type SMTPSession = { envelope: { mailFrom: SMTPAddress | false; rcptTo: SMTPAddress[] } };
  export type SMTPServerOptions = {
    authOptional?: boolean;
    disabledCommands?: string[];
    logger?: boolean;
    onData?: (stream: Readable, session: SMTPSession, callback: (error?: Error | null) => void) => void;
  };

  export class SMTPServer {
    constructor(options?: SMTPServerOptions);
    server: Server;
    listen(port: number, host: string, callback?: () => void): Server;
    close(callback?: () => void): void;
  }
}
