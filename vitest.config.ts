import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Result files and per-token data for the tests that read them (test/globalSetup.ts).
    globalSetup: ["test/globalSetup.ts"],
    // Model tests load ONNX sessions; two cores, so keep workers few and timeouts generous.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
