import { afterAll, afterEach, beforeAll } from "vitest";
import { listenForTests, mockServer } from "../mocks/server";

beforeAll(() => listenForTests());
afterEach(() => mockServer.resetHandlers());
afterAll(() => mockServer.close());
