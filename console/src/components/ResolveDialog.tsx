import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import { resolutionSchemaOf } from '../../../domain/lifecycle/task-resolution';
import { api, body, issuesOf, plainWords } from '../api/api';
import type { Task } from '../api/views';
import { centsOf, words } from '../format';

/** One input of the form, read from the task type's resolution schema (the same zod schema the engine checks). */
interface Field {
  path: string;
  label: string;
  kind: 'text' | 'textarea' | 'number' | 'dollars' | 'boolean' | 'enum' | 'list' | 'json' | 'date' | 'datetime';
  optional: boolean;
  options?: string[];
}

type AnySchema = z.ZodType & { def: { type: string; innerType?: AnySchema; element?: AnySchema; shape?: Record<string, AnySchema> }; shape?: Record<string, AnySchema>; options?: unknown[] };

const LABELS: Record<string, string> = {
  memberId: 'Member ID',
  payerId: 'Payer ID',
  groupNumber: 'Group number',
  authNumber: 'Authorization number',
  validFrom: 'Valid from (YYYY-MM-DD)',
  validTo: 'Valid to (YYYY-MM-DD)',
  cpts: 'CPT codes (comma separated)',
  diagnoses: 'ICD-10-CM codes (comma separated)',
  corrections: 'Corrections (one per line)',
  lines: 'Coded lines (JSON: cpt, units, modifiers, diagnosisPointers)',
  monthlyCents: 'Monthly amount ($)',
  amountCents: 'Amount ($)',
  letterReference: 'Letter reference',
  clericalError: 'The denial came from a clerical error (reopening instead of an appeal)',
  expectedBy: 'Expected by (YYYY-MM-DD)',
  scheduledAt: 'Rescheduled to (date and time, with offset, e.g. 2026-12-10T09:00:00-06:00)',
  claimId: 'Claim ID',
};
const labelOf = (path: string) => {
  const last = path.split('.').pop()!;
  return LABELS[last] ?? words(last.replace(/([A-Z])/g, ' $1').toLowerCase()).replace(/^./, (c) => c.toUpperCase());
};

function fieldsOf(shape: Record<string, AnySchema>, prefix = ''): Field[] {
  const out: Field[] = [];
  for (const [key, raw] of Object.entries(shape)) {
    if (key === 'action') continue;
    let s = raw;
    let optional = false;
    while (s.def.type === 'optional' || s.def.type === 'default') {
      optional = true;
      s = s.def.innerType!;
    }
    const path = prefix ? `${prefix}.${key}` : key;
    const base = { path, label: labelOf(path), optional };
    switch (s.def.type) {
      case 'object':
        out.push(...fieldsOf((s.shape ?? s.def.shape)!, path));
        break;
      case 'number':
        out.push({ ...base, kind: key.endsWith('Cents') ? 'dollars' : 'number' });
        break;
      case 'boolean':
        out.push({ ...base, kind: 'boolean' });
        break;
      case 'enum':
        out.push({ ...base, kind: 'enum', options: (s.options ?? []).map(String) });
        break;
      case 'array':
        out.push({ ...base, kind: s.def.element?.def.type === 'object' ? 'json' : 'list' });
        break;
      default:
        out.push({ ...base, kind: key === 'note' || key === 'reason' || key === 'plan' ? 'textarea' : key === 'scheduledAt' ? 'datetime' : 'text' });
    }
  }
  return out;
}

function setAt(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split('.');
  let at = target;
  for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
  at[parts[parts.length - 1]!] = value;
}

/** The resolution as the API takes it, from what was typed; a value that cannot be read is left as typed for zod to name. */
function build(action: string, fields: Field[], values: Record<string, string | boolean>): Record<string, unknown> {
  const out: Record<string, unknown> = { action };
  for (const f of fields) {
    const v = values[f.path];
    if (f.kind === 'boolean') {
      if (v === true) setAt(out, f.path, true);
      continue;
    }
    const text = typeof v === 'string' ? v.trim() : '';
    if (text === '') {
      if (!f.optional) setAt(out, f.path, f.kind === 'list' || f.kind === 'json' ? [] : f.kind === 'number' || f.kind === 'dollars' ? undefined : '');
      continue;
    }
    if (f.kind === 'dollars') setAt(out, f.path, centsOf(text) ?? text);
    else if (f.kind === 'number') setAt(out, f.path, Number.isFinite(Number(text)) ? Number(text) : text);
    else if (f.kind === 'list') setAt(out, f.path, text.split(f.path.endsWith('corrections') ? /\n/ : /[,\s]+/).map((x) => x.trim()).filter(Boolean));
    else if (f.kind === 'json') {
      try {
        setAt(out, f.path, JSON.parse(text) as unknown);
      } catch {
        setAt(out, f.path, text);
      }
    } else setAt(out, f.path, text);
  }
  return out;
}

/**
 * Resolving a task: the actions its type allows (the engine's own resolution schema), a form per action
 * with inline validation, and the engine's refusal (409, 422) in plain words.
 */
export function ResolveDialog({ task, onClose }: { task: Task; onClose: (resolved: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const union = resolutionSchemaOf(task.type) as unknown as { options: AnySchema[] } | undefined;
  const options = useMemo(() => (union?.options ?? []).map((o) => ({ action: String((o.shape!.action as unknown as { value: string }).value), schema: o, fields: fieldsOf(o.shape!) })), [union]);
  const [action, setAction] = useState(options[0]?.action ?? '');
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [issues, setIssues] = useState<Record<string, string>>({});
  const chosen = options.find((o) => o.action === action);
  const queryClient = useQueryClient();

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const resolve = useMutation({
    mutationFn: (resolution: Record<string, unknown>) =>
      body(api.POST('/v1/tasks/{taskId}/resolve', { params: { path: { taskId: task.taskId } }, body: resolution as never })),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      onClose(true);
    },
    onError: async (err) => {
      const byPath: Record<string, string> = {};
      for (const i of issuesOf(err)) byPath[i.path.replace(/^body\./, '')] = i.message;
      setIssues(byPath);
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    const resolution = build(chosen.action, chosen.fields, values);
    const parsed = chosen.schema.safeParse(resolution);
    if (!parsed.success) {
      const byPath: Record<string, string> = {};
      for (const i of parsed.error.issues) byPath[i.path.join('.')] ??= i.message;
      setIssues(byPath);
      const first = chosen.fields.find((f) => byPath[f.path]);
      if (first) document.getElementById(`f-${first.path}`)?.focus();
      return;
    }
    setIssues({});
    resolve.mutate(resolution);
  }

  const set = (path: string, v: string | boolean) => setValues((old) => ({ ...old, [path]: v }));

  return (
    <dialog ref={ref} aria-labelledby={titleId} className="dialog" onCancel={() => onClose(false)}>
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>Resolve: {words(task.type)}</h2>
        <p className="muted">
          Exam {task.examId ?? '—'}
          {task.claimId ? ` · claim ${task.claimId}` : ''}
        </p>
        {options.length === 0 ? <p>This task type has no resolution the console knows.</p> : null}
        <fieldset>
          <legend>Action</legend>
          <div className="actions-choice">
            {options.map((o) => (
              <label key={o.action} className="radio">
                <input
                  type="radio"
                  name="action"
                  value={o.action}
                  checked={o.action === action}
                  onChange={() => {
                    setAction(o.action);
                    setIssues({});
                  }}
                />
                {words(o.action)}
              </label>
            ))}
          </div>
        </fieldset>
        {chosen?.fields.map((f) => {
          const id = `f-${f.path}`;
          const err = issues[f.path];
          const errId = `${id}-error`;
          const common = { id, 'aria-invalid': err ? true : undefined, 'aria-describedby': err ? errId : undefined, required: !f.optional };
          const value = typeof values[f.path] === 'string' ? (values[f.path] as string) : '';
          return (
            <div className="field" key={`${action}-${f.path}`}>
              {f.kind === 'boolean' ? (
                <label className="check">
                  <input type="checkbox" {...common} checked={values[f.path] === true} onChange={(e) => set(f.path, e.target.checked)} /> {f.label}
                </label>
              ) : (
                <>
                  <label htmlFor={id}>
                    {f.label}
                    {f.optional ? <span className="muted"> (optional)</span> : null}
                  </label>
                  {f.kind === 'enum' ? (
                    <select {...common} value={value} onChange={(e) => set(f.path, e.target.value)}>
                      <option value="">Choose…</option>
                      {f.options!.map((o) => (
                        <option key={o} value={o}>
                          {o}
                        </option>
                      ))}
                    </select>
                  ) : f.kind === 'textarea' || f.kind === 'json' || f.path.endsWith('corrections') ? (
                    <textarea {...common} rows={3} value={value} onChange={(e) => set(f.path, e.target.value)} />
                  ) : (
                    <input {...common} type="text" inputMode={f.kind === 'dollars' ? 'decimal' : f.kind === 'number' ? 'numeric' : undefined} value={value} onChange={(e) => set(f.path, e.target.value)} />
                  )}
                </>
              )}
              {err ? (
                <p className="field-error" id={errId}>
                  {err}
                </p>
              ) : null}
            </div>
          );
        })}
        {issues[''] ? <p className="field-error">{issues['']}</p> : null}
        {resolve.error ? (
          <div className="error" role="alert">
            {plainWords(resolve.error)}
          </div>
        ) : null}
        <div className="buttons">
          <button type="submit" className="primary" disabled={resolve.isPending || !chosen}>
            {resolve.isPending ? 'Resolving…' : `Resolve as “${words(action)}”`}
          </button>
          <button type="button" onClick={() => onClose(false)}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
