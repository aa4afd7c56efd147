import { Component, type ReactNode } from "react";

interface LoadErrorBoundaryProps {
  /** What to show instead of the failed part; `retry` reloads the page. */
  fallback: (retry: () => void) => ReactNode;
  children: ReactNode;
}

/**
 * Catches a page whose code could not be downloaded (the form page is loaded on demand, and
 * the connection may drop just then) so the rest of the app stays usable.
 */
export class LoadErrorBoundary extends Component<LoadErrorBoundaryProps, { hasFailed: boolean }> {
  override state = { hasFailed: false };

  static getDerivedStateFromError(): { hasFailed: boolean } {
    return { hasFailed: true };
  }

  override render(): ReactNode {
    if (this.state.hasFailed) return this.props.fallback(() => window.location.reload());
    return this.props.children;
  }
}
