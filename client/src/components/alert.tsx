import type { ReactNode } from "react";

/** A message box: `error` is announced at once (role alert), `info` politely (role status). */
export function Alert({ tone, children }: { tone: "error" | "info"; children: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}
