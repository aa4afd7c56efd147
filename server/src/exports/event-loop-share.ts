import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Longest stretch an export runs without letting the event loop serve anyone else. Several
 * exports take turns, so a health check or a respondent's save waits about this much per
 * export running (and exports are capped, see export-slots.ts).
 */
export const EXPORT_SLICE_MS = 8;

/**
 * A turn-taker for a long loop on the request thread: `share()` yields to the event loop
 * (pending I/O first, then the other loops) once the current slice has run for `sliceMs`, and
 * is a cheap clock read otherwise. Yielding by time rather than by row count keeps the bound
 * the same whether a row is a few bytes or a few kilobytes.
 */
export function eventLoopShare(sliceMs = EXPORT_SLICE_MS): { share: () => Promise<void> } {
  let sliceStart = performance.now();
  return {
    async share() {
      if (performance.now() - sliceStart < sliceMs) return;
      await nextTurn();
      sliceStart = performance.now();
    },
  };
}
