import { describe, expect, it } from "vitest";
import { takeConsoleErrors } from "../setup/fail-on-console-error";

describe("the test network", () => {
  it("refuses a request to the internet that no mock answers, and says so", async () => {
    await expect(fetch("https://register.example.org/anything")).rejects.toThrow();
    expect(takeConsoleErrors().join("\n")).toMatch(/intercepted a request without a matching request handler/);
  });
});
