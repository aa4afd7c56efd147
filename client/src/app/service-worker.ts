import { registerSW } from "virtual:pwa-register";

/** How often an open page asks whether a new version was deployed (besides each navigation). */
const UPDATE_CHECK_MS = 30 * 60_000;

/**
 * Registers the service worker that lets the respondent app open without a connection (see
 * `vite.config.mts`). A new deployment is picked up when the browser checks `sw.js` (each
 * navigation, every half hour, and when the connection returns); the new worker takes over and
 * the page reloads into the new app. Answers not sent yet are on the device (IndexedDB) and come
 * back with the reloaded form.
 */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  registerSW({
    immediate: true,
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      const checkForUpdate = () => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      };
      setInterval(checkForUpdate, UPDATE_CHECK_MS);
      window.addEventListener("online", checkForUpdate);
    },
  });
}
