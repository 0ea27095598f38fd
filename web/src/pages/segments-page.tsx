import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { BandBadge } from '../components/band-badge.tsx';
import { FilterError } from '../components/filter-error.tsx';
import { Pager } from '../components/pager.tsx';
import { QueryState } from '../components/query-state.tsx';
import { useFormat } from '../format.ts';
import { codeText, useT } from '../i18n.ts';
import { useSegmentMrr } from '../queries.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { isRoleAtLeast, useSession } from '../session.ts';
import type { TSegment, TSegmentMembers } from '../types.ts';

const PAGE = 25;

/** Segments are the team's shared lists: writing them is a manager's change (src/http/permissions.ts). */
export function SegmentsPage() {
  const t = useT();
  const me = useSession();
  const { search } = useLocation();
  const selected = search.get('segment') ?? undefined;
  const offset = Number(search.get('offset') ?? 0);
  const canEdit = isRoleAtLeast(me.role, 'manager');
  return (
    <>
      <h1>{t('segments.title')}</h1>
      <SegmentList selected={selected} canEdit={canEdit} />
      {canEdit ? <CreateSegment /> : null}
      {selected ? <SegmentMembers segmentId={selected} offset={offset} /> : null}
    </>
  );
}

function segmentUrl(id: string, offset = 0): string {
  const params = new URLSearchParams({ segment: id });
  if (offset > 0) params.set('offset', String(offset));
  return `/segments?${params.toString()}`;
}

function SegmentList({ selected, canEdit }: { selected: string | undefined; canEdit: boolean }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const segments = useQuery({
    queryKey: ['segments'],
    queryFn: () => api<{ segments: TSegment[] }>('/v1/segments'),
  });
  const mrr = useSegmentMrr();
  const remove = useMutation({
    mutationFn: (id: string) => api(`/v1/segments/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: (_, id) => {
      if (id === selected) navigate('/segments', { replace: true });
      void queryClient.invalidateQueries({ queryKey: ['segments'] });
      void queryClient.invalidateQueries({ queryKey: ['segment-mrr'] });
    },
  });
  const byId = new Map(mrr.data?.segments.map((s) => [s.segment_id, s]));
  const currency = mrr.data?.currency ?? 'USD';
  const confirmDelete = (segment: TSegment) => {
    if (window.confirm(t('segments.confirmDelete', { name: segment.name }))) remove.mutate(segment.id);
  };
  return (
    <section className="card" aria-labelledby="segments-list">
      <h2 id="segments-list">{t('segments.list')}</h2>
      {remove.isError ? <p className="error">{remove.error.message}</p> : null}
      <QueryState query={segments}>
        {(data) =>
          data.segments.length === 0 ? (
            <p>{t('segments.empty')}</p>
          ) : (
            <table aria-label={t('segments.list')}>
              <thead>
                <tr>
                  <th scope="col">{t('segments.name')}</th>
                  <th scope="col">{t('segments.filter')}</th>
                  <th scope="col" className="num">
                    {t('segments.members')}
                  </th>
                  <th scope="col" className="num">
                    {t('kpi.mrr')}
                  </th>
                  {canEdit ? <th scope="col">{t('common.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {data.segments.map((segment) => (
                  <tr key={segment.id} aria-selected={segment.id === selected ? true : undefined}>
                    <th scope="row">
                      <Link
                        href={segmentUrl(segment.id)}
                        aria-current={segment.id === selected ? 'true' : undefined}
                      >
                        {segment.name}
                      </Link>
                      {segment.description ? <div className="muted">{segment.description}</div> : null}
                    </th>
                    <td>
                      <code>{segment.filter}</code>
                    </td>
                    <td className="num">{format.number(segment.member_count)}</td>
                    <td className="num">{format.money(byId.get(segment.id)?.mrr, currency)}</td>
                    {canEdit ? (
                      <td>
                        <button
                          type="button"
                          className="danger"
                          disabled={remove.isPending}
                          onClick={() => confirmDelete(segment)}
                          aria-label={t('segments.deleteNamed', { name: segment.name })}
                        >
                          {t('common.delete')}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}

/** `filter: … at column 13` (segments/tokenize-filter.ts): the column the message names. */
function columnOf(message: string): number | undefined {
  const match = /at column (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

function CreateSegment() {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [filter, setFilter] = useState('');
  const [sent, setSent] = useState('');
  const preview = useMutation({
    mutationFn: (text: string) =>
      api<{ count: number }>('/v1/segments/preview', { method: 'POST', body: { filter: text, limit: 1 } }),
  });
  const create = useMutation({
    mutationFn: () =>
      api<TSegment>('/v1/segments', {
        method: 'POST',
        body: { name, filter, description: description.trim() || null },
      }),
    onSuccess: (segment) => {
      setName('');
      setDescription('');
      setFilter('');
      preview.reset();
      void queryClient.invalidateQueries({ queryKey: ['segments'] });
      void queryClient.invalidateQueries({ queryKey: ['segment-mrr'] });
      navigate(segmentUrl(segment.id));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSent(filter);
    preview.reset();
    create.mutate();
  };
  const check = () => {
    setSent(filter);
    create.reset();
    preview.mutate(filter);
  };
  const error = create.error ?? preview.error;
  return (
    <section className="card" aria-labelledby="segment-create">
      <h2 id="segment-create">{t('segments.create')}</h2>
      <form className="stack" onSubmit={submit}>
        <label>
          {t('segments.name')}
          <input required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          {t('segments.description')}
          <input value={description} onChange={(event) => setDescription(event.target.value)} />
        </label>
        <label>
          {t('segments.filter')}
          <textarea
            required
            rows={3}
            spellCheck={false}
            value={filter}
            aria-describedby="filter-help"
            onChange={(event) => setFilter(event.target.value)}
          />
        </label>
        <p id="filter-help" className="muted">
          {t('segments.filterHelp')}
        </p>
        {error ? (
          <FilterError
            filter={sent}
            message={error.message}
            column={error instanceof ApiError ? columnOf(error.message) : undefined}
          />
        ) : null}
        {preview.isSuccess ? (
          <p role="status">{t('segments.matches', { count: format.number(preview.data.count) })}</p>
        ) : null}
        <div className="row">
          <button type="button" onClick={check} disabled={!filter || preview.isPending}>
            {t('segments.check')}
          </button>
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('segments.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function SegmentMembers({ segmentId, offset }: { segmentId: string; offset: number }) {
  const t = useT();
  const format = useFormat();
  const page = useQuery({
    queryKey: ['segment-members', segmentId, offset],
    queryFn: () =>
      api<TSegmentMembers>(`/v1/segments/${encodeURIComponent(segmentId)}/members`, {
        query: { limit: PAGE, offset },
      }),
    placeholderData: keepPreviousData,
  });
  const currency = useSegmentMrr().data?.currency;
  return (
    <QueryState query={page}>
      {(data) => {
        const title = t('segments.membersOf', { name: data.segment.name });
        return (
          <section className="card" aria-labelledby="segment-members">
            <h2 id="segment-members">{title}</h2>
            <table aria-label={title}>
              <thead>
                <tr>
                  <th scope="col">{t('col.account')}</th>
                  <th scope="col">{t('col.owner')}</th>
                  <th scope="col">{t('col.tier')}</th>
                  <th scope="col">{t('col.stage')}</th>
                  <th scope="col" className="num">
                    {t('kpi.mrr')}
                  </th>
                  <th scope="col">{t('col.health')}</th>
                  <th scope="col">{t('segments.since')}</th>
                </tr>
              </thead>
              <tbody>
                {data.members.map((row) => (
                  <tr key={row.account_id}>
                    <td>
                      <Link href={`/accounts/${encodeURIComponent(row.account_id)}`}>{row.name}</Link>
                    </td>
                    <td>{row.owner_email ?? '—'}</td>
                    <td>{codeText(t, 'tier', row.tier)}</td>
                    <td>{codeText(t, 'accounts.stage', row.stage)}</td>
                    <td className="num">{format.money(row.mrr, currency ?? 'USD')}</td>
                    <td>
                      <BandBadge band={row.health_band} />
                    </td>
                    <td>{format.date(row.entered_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager
              offset={offset}
              pageSize={PAGE}
              total={data.total}
              onChange={(next) => navigate(segmentUrl(segmentId, next), { replace: true })}
            />
          </section>
        );
      }}
    </QueryState>
  );
}
