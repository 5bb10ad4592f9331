import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { type ConsoleConfig, type Role, type Session, STAFF, finishOidc, hasAny, setRolesClaim, signIn, signOut, startOidc, useSession } from './auth';
import { Refused } from './components/common';
import { setTimeZones } from './format';
import { Link, navigate, usePath } from './router';
import { Admin } from './screens/Admin';
import { Audit } from './screens/Audit';
import { ExamScreen } from './screens/Exam';
import { MyWork } from './screens/MyWork';
import { Remittances } from './screens/Remittances';
import { Reports } from './screens/Reports';

interface Page {
  path: string;
  label: string;
  roles: readonly Role[];
  /** the roles as a person reads them, for the refusal */
  needs: string;
}
/** The screens and who may open them (DESIGN §1; the API checks each request again). */
export const PAGES: Page[] = [
  { path: '/', label: 'My work', roles: STAFF, needs: 'front desk, coder, biller or supervisor' },
  { path: '/remittances', label: 'Remittances', roles: ['biller', 'supervisor'], needs: 'biller or supervisor' },
  { path: '/reports', label: 'Reports', roles: ['supervisor'], needs: 'supervisor' },
  { path: '/admin', label: 'Admin', roles: ['admin', 'supervisor'], needs: 'admin (or supervisor, to read)' },
  { path: '/audit', label: 'Audit', roles: ['supervisor', 'admin'], needs: 'supervisor or admin' },
];

async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('/console/config.json', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`The console's configuration could not be read (${res.status}).`);
  return (await res.json()) as ConsoleConfig;
}

function SignIn({ config }: { config: ConsoleConfig | undefined }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      signIn(token);
      setToken('');
    } catch (err) {
      setError((err as Error).message);
      field.current?.focus();
    }
  };
  return (
    <main id="main" className="signin">
      <h1>Sign in to the billing console</h1>
      {config?.oidc ? (
        <section aria-labelledby="sso">
          <h2 id="sso">With your organisation's account</h2>
          <button type="button" className="primary" onClick={() => void startOidc(config.oidc!).catch((err: Error) => setError(err.message))}>
            Sign in with single sign-on
          </button>
        </section>
      ) : null}
      <form onSubmit={submit} noValidate aria-labelledby="paste">
        <h2 id="paste">With a bearer token</h2>
        <label htmlFor="token">Bearer token</label>
        <textarea
          id="token"
          ref={field}
          rows={4}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'token-error token-help' : 'token-help'}
        />
        <p id="token-help" className="muted">
          Paste the token your administrator gave you (in development, one of those <code>npm start</code> prints). It is kept in this browser tab only and forgotten when you sign out or close the tab.
        </p>
        {error ? (
          <p id="token-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
    </main>
  );
}

function Shell({ session, children }: { session: Session; children: ReactNode }) {
  const path = usePath();
  const [examId, setExamId] = useState('');
  const pages = PAGES.filter((p) => hasAny(session, p.roles));
  return (
    <>
      <a href="#main" className="skip">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">imaging-rcm</span>
        <nav aria-label="Main">
          <ul>
            {pages.map((p) => (
              <li key={p.path}>
                <Link to={p.path} aria-current={path === p.path ? 'page' : undefined}>
                  {p.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {hasAny(session, STAFF) ? (
          <form
            className="exam-search"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              if (examId.trim()) navigate(`/exams/${encodeURIComponent(examId.trim())}`);
            }}
          >
            <label htmlFor="exam-go">Open exam</label>
            <input id="exam-go" value={examId} onChange={(e) => setExamId(e.target.value)} placeholder="exam ID" />
            <button type="submit">Open</button>
          </form>
        ) : null}
        <span className="who">
          {session.sub} <span className="muted">({session.roles.join(', ') || 'no role'})</span>
        </span>
        <button
          type="button"
          onClick={() => {
            signOut();
            navigate('/', true);
          }}
        >
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function Route({ session }: { session: Session }) {
  const path = usePath();
  const exam = /^\/exams\/([^/]+)$/.exec(path);
  const refuse = (page: Page) => <Refused what={page.label} roles={page.needs} />;
  const guard = (pagePath: string, node: ReactNode) => {
    const page = PAGES.find((p) => p.path === pagePath)!;
    return hasAny(session, page.roles) ? node : refuse(page);
  };
  if (exam) return hasAny(session, STAFF) ? <ExamScreen key={exam[1]} examId={decodeURIComponent(exam[1]!)} session={session} /> : <Refused what="The exam" roles="front desk, coder, biller or supervisor" />;
  switch (path) {
    case '/':
      if (!hasAny(session, STAFF)) {
        const first = PAGES.find((p) => p.path !== '/' && hasAny(session, p.roles));
        if (first) {
          navigate(first.path, true);
          return null;
        }
        return <Refused what="The console" roles="front desk, coder, biller, supervisor or admin" />;
      }
      return <MyWork session={session} />;
    case '/remittances':
      return guard(path, <Remittances />);
    case '/reports':
      return guard(path, <Reports />);
    case '/admin':
      return guard(path, <Admin session={session} />);
    case '/audit':
      return guard(path, <Audit />);
    default:
      return (
        <div>
          <h1>Page not found</h1>
          <p>
            There is no such page. <Link to="/">Go to My work</Link>.
          </p>
        </div>
      );
  }
}

export function App() {
  const session = useSession();
  const path = usePath();
  const config = useQuery({ queryKey: ['console-config'], queryFn: loadConfig, staleTime: Infinity });
  const [callbackError, setCallbackError] = useState<string | null>(null);
  useEffect(() => {
    if (!config.data) return;
    setTimeZones(config.data.timeZones, config.data.defaultTimeZone);
    setRolesClaim(config.data.rolesClaim);
  }, [config.data]);
  useEffect(() => {
    if (path === '/callback' && config.data?.oidc) {
      finishOidc(config.data.oidc)
        .then(() => navigate('/', true))
        .catch((err: Error) => setCallbackError(err.message));
    }
  }, [path, config.data]);
  useEffect(() => {
    const page = PAGES.find((p) => p.path === path);
    document.title = `${page?.label ?? (path.startsWith('/exams/') ? 'Exam' : 'Console')} · imaging-rcm`;
  }, [path]);

  if (!session) {
    return (
      <>
        {callbackError ? (
          <div className="error" role="alert">
            {callbackError}
          </div>
        ) : null}
        <SignIn config={config.data} />
      </>
    );
  }
  return (
    <Shell session={session}>
      <Route session={session} />
    </Shell>
  );
}
