import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { TaskTypeSchema } from '../../../domain/lifecycle/task-type';
import { api, body, plainWords } from '../api/api';
import type { Task } from '../api/views';
import { type Role, STAFF, type Session } from '../auth';
import { DataTable, type Features } from '../components/DataTable';
import { ErrorBox, Loading, Section } from '../components/common';
import { ResolveDialog } from '../components/ResolveDialog';
import { dateTime, words } from '../format';
import { Link } from '../router';

const QUEUES = ['front_desk', 'coder', 'biller', 'supervisor'] as const;
type Queue = (typeof QUEUES)[number];
const MAX_TASKS = 1000;
const PRIORITY_ORDER: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

interface Filters {
  queue: Queue | 'all';
  type: string;
  overdue: '' | 'true' | 'false';
  assignee: '' | 'me';
  examId: string;
}

/** Every page of the queue (200 a page, up to MAX_TASKS), in the API's order: priority, then due time. */
async function loadQueue(f: Filters, sub: string): Promise<{ tasks: Task[]; truncated: boolean }> {
  const tasks: Task[] = [];
  let cursor: string | undefined;
  do {
    const query = {
      ...(f.queue !== 'all' ? { queue: f.queue } : {}),
      ...(f.type ? { type: f.type as never } : {}),
      ...(f.overdue ? { overdue: f.overdue } : {}),
      ...(f.assignee === 'me' ? { assignee: sub } : {}),
      ...(f.examId.trim() ? { examId: f.examId.trim() } : {}),
      limit: 200,
      ...(cursor ? { cursor } : {}),
    };
    const page = await body(api.GET('/v1/tasks', { params: { query } }));
    tasks.push(...page.tasks);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && tasks.length < MAX_TASKS);
  return { tasks, truncated: Boolean(cursor) };
}

const helper = createColumnHelper<Features, Task>();

export function MyWork({ session }: { session: Session }) {
  const queues = session.roles.includes('supervisor') ? QUEUES : QUEUES.filter((q) => session.roles.includes(q as Role));
  const [filters, setFilters] = useState<Filters>({ queue: queues.length === 1 ? queues[0]! : 'all', type: '', overdue: '', assignee: '', examId: '' });
  const [resolving, setResolving] = useState<Task | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: ['tasks', filters, session.sub], queryFn: () => loadQueue(filters, session.sub), refetchInterval: 30_000 });

  const assign = useMutation({
    mutationFn: ({ task, op }: { task: Task; op: 'claim' | 'release' }) =>
      op === 'claim'
        ? body(api.POST('/v1/tasks/{taskId}/claim', { params: { path: { taskId: task.taskId } } }))
        : body(api.POST('/v1/tasks/{taskId}/release', { params: { path: { taskId: task.taskId } } })),
    onSuccess: (_t, { op }) => setNotice(op === 'claim' ? 'The task is yours.' : 'The task is back in its queue.'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['tasks'] }),
  });

  const columns = useMemo(
    () => [
      helper.accessor((t) => PRIORITY_ORDER[t.priority] ?? 9, {
        id: 'priority',
        header: 'Priority',
        cell: (c) => <span className={`badge priority-${c.row.original.priority}`}>{c.row.original.priority}</span>,
        sortFn: 'basic',
      }),
      helper.accessor('type', { header: 'Task', cell: (c) => words(c.getValue()), sortFn: 'alphanumeric' }),
      helper.accessor((t) => t.examId ?? '', {
        id: 'exam',
        header: 'Exam',
        cell: (c) => (c.row.original.examId ? <Link to={`/exams/${encodeURIComponent(c.row.original.examId)}`}>{c.row.original.examId}</Link> : <span className="muted">none (unmatched)</span>),
        sortFn: 'alphanumeric',
      }),
      helper.accessor('dueAt', {
        header: 'Due',
        cell: (c) => (
          <span>
            {dateTime(c.getValue())}
            {c.row.original.overdue ? <span className="badge overdue">overdue</span> : null}
            {c.row.original.escalated ? <span className="badge escalated">escalated</span> : null}
          </span>
        ),
        sortFn: 'alphanumeric',
      }),
      helper.accessor((t) => t.assignee ?? '', { id: 'assignee', header: 'Assignee', cell: (c) => (c.row.original.assignee === session.sub ? 'me' : c.row.original.assignee ?? '—'), sortFn: 'alphanumeric' }),
      helper.display({
        id: 'actions',
        header: 'Actions',
        cell: (c) => {
          const t = c.row.original;
          const mine = t.assignee === session.sub;
          const label = `${words(t.type)} for exam ${t.examId ?? 'none'}`;
          return (
            <div className="row-actions">
              {t.assignee === null ? (
                <button type="button" onClick={() => assign.mutate({ task: t, op: 'claim' })} aria-label={`Claim ${label}`}>
                  Claim
                </button>
              ) : mine || session.roles.includes('supervisor') ? (
                <button type="button" onClick={() => assign.mutate({ task: t, op: 'release' })} aria-label={`Release ${label}`}>
                  Release
                </button>
              ) : null}
              <button type="button" className="primary" onClick={() => setResolving(t)} aria-label={`Resolve ${label}`}>
                Resolve
              </button>
            </div>
          );
        },
      }),
    ],
    [session, assign],
  );

  const tasks = q.data?.tasks;
  const counts = useMemo(() => {
    const list = tasks ?? [];
    const byPriority = new Map<string, number>();
    for (const t of list) byPriority.set(t.priority, (byPriority.get(t.priority) ?? 0) + 1);
    return { total: list.length, overdue: list.filter((t) => t.overdue).length, mine: list.filter((t) => t.assignee === session.sub).length, byPriority };
  }, [tasks, session.sub]);

  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));

  return (
    <>
      <h1>My work</h1>
      <form className="filters" aria-label="Filter the work queue" onSubmit={(e) => e.preventDefault()}>
        <label>
          Queue
          <select value={filters.queue} onChange={(e) => set('queue', e.target.value as Filters['queue'])}>
            {queues.length > 1 ? <option value="all">All my queues</option> : null}
            {queues.map((q2) => (
              <option key={q2} value={q2}>
                {words(q2)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Task type
          <select value={filters.type} onChange={(e) => set('type', e.target.value)}>
            <option value="">Any type</option>
            {TaskTypeSchema.options.map((t) => (
              <option key={t} value={t}>
                {words(t)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Due
          <select value={filters.overdue} onChange={(e) => set('overdue', e.target.value as Filters['overdue'])}>
            <option value="">Any time</option>
            <option value="true">Overdue</option>
            <option value="false">Not overdue</option>
          </select>
        </label>
        <label>
          Assignee
          <select value={filters.assignee} onChange={(e) => set('assignee', e.target.value as Filters['assignee'])}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
          </select>
        </label>
        <label>
          Exam ID
          <input type="search" value={filters.examId} onChange={(e) => set('examId', e.target.value)} placeholder="ex_…" />
        </label>
      </form>

      <ul className="tiles" aria-label="Queue counts">
        <li>
          <strong>{q.data ? counts.total : '…'}</strong> open{q.data?.truncated ? ' (first 1,000)' : ''}
        </li>
        <li className={counts.overdue > 0 ? 'warn' : undefined}>
          <strong>{q.data ? counts.overdue : '…'}</strong> overdue
        </li>
        <li>
          <strong>{q.data ? counts.mine : '…'}</strong> assigned to me
        </li>
        {['urgent', 'high', 'normal', 'low'].map((p) => (
          <li key={p}>
            <strong>{q.data ? counts.byPriority.get(p) ?? 0 : '…'}</strong> {p}
          </li>
        ))}
      </ul>

      <div aria-live="polite" className="notice">
        {notice}
      </div>
      {assign.error ? <ErrorBox error={assign.error} /> : null}

      <Section title="Open tasks">
        {q.isPending ? (
          <Loading what="your queue" />
        ) : q.error ? (
          <ErrorBox error={q.error} retry={() => void q.refetch()} />
        ) : (q.data?.tasks.length ?? 0) === 0 ? (
          <p className="state empty">Nothing to do here: no open task matches these filters.</p>
        ) : (
          <DataTable caption="Open tasks, most urgent first" columns={columns} data={q.data!.tasks} rowKey={(t) => t.taskId} />
        )}
      </Section>

      {resolving ? (
        <ResolveDialog
          task={resolving}
          onClose={(resolved) => {
            setResolving(null);
            if (resolved) setNotice(`Resolved: ${words(resolving.type)} for exam ${resolving.examId ?? '—'}.`);
          }}
        />
      ) : null}
    </>
  );
}

export const mayWork = (s: Session) => s.roles.some((r) => STAFF.includes(r));
export { plainWords };
