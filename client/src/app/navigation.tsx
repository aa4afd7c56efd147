import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

/**
 * Routing on the History API, without a router dependency: the current location is an external
 * store that changes on `popstate` (back/forward) and on our own `navigate`.
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search + window.location.hash;
}

export interface AppLocation {
  pathname: string;
  /** The query string with its `?`, or "" (the dashboard keeps its filters there). */
  search: string;
  hash: string;
}

export function useLocation(): AppLocation {
  const current = useSyncExternalStore(subscribe, snapshot);
  const hashIndex = current.indexOf("#");
  const beforeHash = hashIndex < 0 ? current : current.slice(0, hashIndex);
  const hash = hashIndex < 0 ? "" : current.slice(hashIndex);
  const searchIndex = beforeHash.indexOf("?");
  return searchIndex < 0
    ? { pathname: beforeHash, search: "", hash }
    : { pathname: beforeHash.slice(0, searchIndex), search: beforeHash.slice(searchIndex), hash };
}

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one (the back button skips it). */
  replace?: boolean;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  listeners.forEach((listener) => listener());
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string };

/** An ordinary link (it opens in a new tab as usual) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(to);
    window.scrollTo(0, 0);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
