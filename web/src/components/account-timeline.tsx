import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { type TFormat, useFormat } from '../format.ts';
import { codeText, isMessageKey, type TTranslate, useT } from '../i18n.ts';
import type { TMovementType, TTimeline, TTimelineItem } from '../types.ts';
import { QueryState } from './query-state.tsx';

const PAGE = 50;

/** The dictionary prefix of the codes a lifecycle change goes from and to (a tier, a stage, a band). */
const CHANGE_CODES: Record<string, string> = {
  tier_changed: 'tier',
  stage_changed: 'accounts.stage',
  health_band_changed: 'band',
};

/** One line of the timeline in words, from the fields each kind fills (accounts360/find-account-timeline.ts). */
function describe(item: TTimelineItem, t: TTranslate, format: TFormat): string {
  const amount = item.amount !== null && item.currency ? format.money(item.amount, item.currency) : '';
  switch (item.kind) {
    case 'invoice':
      return t('timeline.invoice', {
        id: item.id,
        status: codeText(t, 'invoice', item.status),
        amount,
      });
    case 'payment': {
      // One sentence per outcome, so each language words (and capitalises) it as a sentence.
      const sentence = `timeline.payment.${item.status}`;
      const values = { amount, invoice: item.title ?? '' };
      return (
        (isMessageKey(sentence)
          ? t(sentence, values)
          : t('timeline.payment', { ...values, outcome: codeText(t, 'outcome', item.status) })) +
        (item.text ? ` (${item.text})` : '')
      );
    }
    case 'movement':
      return t('timeline.movement', {
        type: t(`move.${item.status as TMovementType}`),
        amount,
        after: format.money(Number(item.to_value), item.currency ?? 'USD'),
      });
    case 'ticket_opened':
      return t('timeline.ticketOpened', { subject: item.title ?? item.id });
    case 'ticket_resolved':
      return t('timeline.ticketResolved', { subject: item.title ?? item.id });
    case 'survey':
      return (
        t('timeline.survey', {
          survey: (item.title ?? '').toUpperCase(),
          score: format.number(item.amount),
        }) + (item.text ? ` — “${item.text}”` : '')
      );
    case 'note': {
      const author =
        item.from_value === 'api_key'
          ? t('notes.apiKey', { name: item.title ?? '' })
          : (item.title ?? t('notes.unknownAuthor'));
      return t(item.status === 'pinned' ? 'timeline.notePinned' : 'timeline.note', {
        author,
        text: item.text ?? '',
      });
    }
    case 'lifecycle': {
      if (item.status === 'segment_entered')
        return t('timeline.segmentEntered', { segment: item.title ?? '' });
      if (item.status === 'segment_left') return t('timeline.segmentLeft', { segment: item.title ?? '' });
      const prefix = CHANGE_CODES[item.status ?? ''] ?? '';
      return t('timeline.changed', {
        what: codeText(t, 'timeline', item.status),
        from: codeText(t, prefix, item.from_value),
        to: codeText(t, prefix, item.to_value),
      });
    }
  }
}

/** Everything that happened to the account, newest first, fifty at a time. */
export function AccountTimeline({ accountId }: { accountId: string }) {
  const t = useT();
  const format = useFormat();
  const timeline = useInfiniteQuery({
    queryKey: ['account-timeline', accountId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api<TTimeline>(`/v1/accounts/${encodeURIComponent(accountId)}/timeline`, {
        query: { limit: PAGE, before: pageParam },
      }),
    getNextPageParam: (last) =>
      last.items.length < PAGE ? undefined : last.items[last.items.length - 1]!.at,
  });
  return (
    <QueryState query={timeline}>
      {(data) => {
        const items = data.pages.flatMap((p) => p.items);
        if (items.length === 0) return <p>{t('common.none')}</p>;
        return (
          <>
            <ol className="timeline" aria-label={t('account360.timeline')}>
              {items.map((item) => (
                <li key={`${item.kind}:${item.id}`}>
                  <time dateTime={item.at}>{format.date(item.at)}</time>
                  <span className="kind">
                    {item.kind === 'note' ? <span aria-hidden="true">✎ </span> : null}
                    {t(`timeline.kind.${item.kind}`)}
                  </span>
                  <span>{describe(item, t, format)}</span>
                </li>
              ))}
            </ol>
            {timeline.hasNextPage ? (
              <div className="pager">
                <button
                  type="button"
                  disabled={timeline.isFetchingNextPage}
                  onClick={() => void timeline.fetchNextPage()}
                >
                  {t('common.more')}
                </button>
              </div>
            ) : null}
          </>
        );
      }}
    </QueryState>
  );
}
