import { useEffect, useRef, type ReactNode } from "react";

let isFirstHeading = true;

/**
 * The page's one h1. After an in-app navigation it takes the focus, so keyboard and screen
 * reader users start on the new page instead of on a link that no longer exists; on the
 * first page load the browser's own focus order is left alone.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (isFirstHeading) {
      isFirstHeading = false;
      return;
    }
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
