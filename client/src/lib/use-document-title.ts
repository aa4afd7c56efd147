import { useEffect } from "react";

/** Sets the tab title (read first by screen readers after a navigation). */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — Passerelle` : "Passerelle";
  }, [title]);
}
