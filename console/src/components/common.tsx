import { type ReactNode, useId } from 'react';
import { plainWords } from '../api/api';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="error" role="alert">
      <p>{plainWords(error)}</p>
      {retry ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** A region with a heading that names it for assistive technology. */
export function Section({ title, children, actions, className }: { title: string; children: ReactNode; actions?: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={`panel${className ? ` ${className}` : ''}`}>
      <div className="panel-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** The outcome of a query, drawn as loading, error (with retry), empty or the content. */
export function QueryView<T>({
  q,
  what,
  empty,
  children,
}: {
  q: { isPending: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  what: string;
  empty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (q.isPending) return <Loading what={what} />;
  if (q.error) return <ErrorBox error={q.error} retry={() => void q.refetch()} />;
  if (q.data === undefined) return <Loading what={what} />;
  if (empty?.(q.data)) return <Empty>No {what}.</Empty>;
  return <>{children(q.data)}</>;
}

export function Refused({ what, roles }: { what: string; roles: string }) {
  return (
    <div className="refused" role="alert">
      <h1>Not available to you</h1>
      <p>
        {what} needs the {roles} role. Ask your billing manager if you need it.
      </p>
    </div>
  );
}

/** Saves text as a file the person downloads (CSV exports, X12). */
export function download(name: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function toCsv(rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    // a leading = + - @ would be a formula in a spreadsheet
    const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
    return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
