import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App, firstScreenLoaded } from "./app/app";
import "./app/app.css";
import { registerServiceWorker } from "./app/service-worker";

const container = document.getElementById("root");
if (!container) throw new Error("index.html lacks the #root element");

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Production builds only: in development Vite serves modules one by one, which a precache of the
// build cannot describe. Once the first screen has its files: the worker then keeps copies of
// files already downloaded (from the HTTP cache) instead of fetching them a second time.
if (import.meta.env.PROD) void firstScreenLoaded().then(registerServiceWorker);
