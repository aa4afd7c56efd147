import { exportThreadResourceLimits, largestAnswersWithin, sizeInBytes } from "../../../server/src/exports/export-thread-memory";

describe("the heap cap of an export thread", () => {
  it.each([
    { limit: "1mb", cap: 256 },
    { limit: "100kb", cap: 256 },
    { limit: "10mb", cap: 512 },
    { limit: "100mb", cap: 3392 },
  ])("grows with the request body limit ($limit: $cap MB)", ({ limit, cap }) => {
    expect(exportThreadResourceLimits(sizeInBytes(limit)).maxOldGenerationSizeMb).toBe(cap);
  });

  it.each(["1mb", "512kb", "10mb", "100mb"])("lets a thread read every response the body limit %s accepts", (limit) => {
    expect(largestAnswersWithin(exportThreadResourceLimits(sizeInBytes(limit)))).toBeGreaterThanOrEqual(sizeInBytes(limit));
  });

  it("sets no bound on what a thread reads without a cap", () => {
    expect(largestAnswersWithin({})).toBeUndefined();
  });

  it.each([
    { size: "2000b", bytes: 2000 },
    { size: "512KB", bytes: 512 * 1024 },
    { size: "1mb", bytes: 1024 * 1024 },
  ])("counts $size as the body parser does", ({ size, bytes }) => {
    expect(sizeInBytes(size)).toBe(bytes);
  });
});
