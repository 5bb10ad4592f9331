import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

/** A small router on the History API: every page of the console lives under /console/. */
const BASE = '/console';
const subscribers = new Set<() => void>();
window.addEventListener('popstate', () => subscribers.forEach((s) => s()));

export function navigate(to: string, replace = false): void {
  const url = `${BASE}${to.startsWith('/') ? to : `/${to}`}`;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  subscribers.forEach((s) => s());
}

/** The path inside the console: "/", "/exams/ex_1", "/reports". */
export function usePath(): string {
  return useSyncExternalStore(
    (s) => {
      subscribers.add(s);
      return () => subscribers.delete(s);
    },
    () => {
      const p = window.location.pathname;
      const rest = p.startsWith(BASE) ? p.slice(BASE.length) : p;
      return rest === '' ? '/' : rest;
    },
  );
}

export function Link({ to, children, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={`${BASE}${to}`} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
