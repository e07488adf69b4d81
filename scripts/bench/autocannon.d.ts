/**
 * The part of autocannon 8's programmatic API the benchmark uses (the package ships no types and
 * there is no @types/autocannon for version 8). Shapes follow autocannon's README and lib/run.js.
 */
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export type Headers = Record<string, string>;

  /** One step of a connection's request sequence; the sequence repeats, with a fresh context each time round. */
  export interface Request {
    method?: "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD";
    path?: string;
    headers?: Headers;
    body?: string | Buffer;
    /** Called when the request is built; returns the request to send. */
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
    /** Called with every response to this step (the body is collected only when this is given). */
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void;
  }

  export interface Options {
    url: string;
    connections?: number;
    pipelining?: number;
    /** Seconds; ignored when `amount` is given. */
    duration?: number;
    /** Total number of requests over all connections; the run ends when they are done. */
    amount?: number;
    /** Seconds a request may take before it counts as a timeout. */
    timeout?: number;
    method?: Request["method"];
    headers?: Headers;
    body?: string | Buffer;
    requests?: Request[];
    initialContext?: Record<string, unknown>;
    excludeErrorStats?: boolean;
  }

  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  }

  export interface Result {
    duration: number;
    start: Date;
    finish: Date;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    resets: number;
    "1xx": number;
    "2xx": number;
    "3xx": number;
    "4xx": number;
    "5xx": number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { sent: number };
    throughput: Histogram;
  }

  /** Where `requestIterator.currentRequestIndex` says which step of the sequence just answered. */
  export interface Client {
    requestIterator: { currentRequestIndex: number; context: Record<string, unknown> };
  }

  export interface Instance extends EventEmitter, PromiseLike<Result> {
    stop(): void;
    on(event: "response", listener: (client: Client, statusCode: number, resBytes: number, responseTime: number) => void): this;
    on(event: "reqError", listener: (error: Error) => void): this;
    on(event: "done", listener: (result: Result) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  function autocannon(options: Options): Instance;
  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
