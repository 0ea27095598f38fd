import { daysToChurn } from './days-to-churn.ts';
import type { TAccountStory, TDemoContext, TEmit } from './demo-context.ts';
import { addMonths, firstOfMonth, formatDay, formatInstant } from './demo-dates.ts';
import { SURVEY_COMMENTS, TICKET_SUBJECTS } from './demo-texts.ts';

const CHANNELS = [
  ['email', 45],
  ['chat', 35],
  ['phone', 10],
  ['web', 10],
] as const;

/**
 * Month by month while the account has access: help-desk tickets (most solved on first contact, complaints
 * and tickets rising before churn), quarterly NPS answers, CSAT after solved tickets (detractors more common
 * before churn), and a monthly CSM newsletter with delivered / opened / clicked events.
 */
export function simulateSupport(ctx: TDemoContext, story: TAccountStory, emit: TEmit): void {
  const random = ctx.random;
  const id = story.id.slice(4);
  let ticketSeq = 0;
  let surveySeq = 0;
  const comment = (level: 'low' | 'mid' | 'high') =>
    random.chance(0.45) ? random.pick(SURVEY_COMMENTS[story.language][level]) : '';
  const survey = (contactId: string, kind: 'nps' | 'csat', score: number, day: number) => {
    const level =
      kind === 'nps'
        ? score <= 6
          ? 'low'
          : score <= 8
            ? 'mid'
            : 'high'
        : score <= 2
          ? 'low'
          : score === 3
            ? 'mid'
            : 'high';
    emit('survey_responses', [
      `sr_${id}_${++surveySeq}`,
      story.id,
      contactId,
      kind,
      score,
      comment(level),
      formatInstant(day, random.int(480, 1320)),
    ]);
  };

  for (const range of story.activeRanges) {
    const end = Math.min(range.end, ctx.endDay);
    for (let month = firstOfMonth(range.start); month < end; month = addMonths(month, 1)) {
      const from = Math.max(month, range.start);
      const to = Math.min(addMonths(month, 1), end);
      const toChurn = daysToChurn(story, from);
      const isNearChurn = toChurn < 90;
      const mood = Math.max(0, story.health - (isNearChurn ? 0.35 : 0));
      const tickets = random.poisson(0.15 + 0.35 * (1 - story.health) + (isNearChurn ? 0.5 : 0));
      for (let t = 0; t < tickets; t++) {
        const opened = random.int(from, to - 1);
        const contact = random.pick(story.contacts);
        const isComplaint = random.chance(0.06 + 0.25 * (1 - mood));
        const replies = random.chance(isComplaint ? 0.45 : 0.75) ? 1 : random.int(2, 6);
        const resolvedMinute = opened * 1440 + 1080 + replies * random.int(60, 1800);
        const isResolved = resolvedMinute < ctx.endDay * 1440;
        const satisfaction =
          isResolved && random.chance(0.5)
            ? Math.max(
                1,
                Math.min(5, Math.round(1 + 4 * mood + (isComplaint ? -1.5 : 0.5) + random.next() - 0.5)),
              )
            : '';
        emit('tickets', [
          `tk_${id}_${++ticketSeq}`,
          story.id,
          contact.id,
          formatInstant(opened, random.int(420, 1080)),
          isResolved ? formatInstant(Math.floor(resolvedMinute / 1440), resolvedMinute % 1440) : '',
          isResolved ? (ctx.endDay - opened > 30 ? 'closed' : 'solved') : random.pick(['open', 'pending']),
          isResolved ? replies : Math.max(0, replies - 1),
          random.weighted(CHANNELS),
          isComplaint ? random.pick(['high', 'urgent', 'normal']) : random.pick(['low', 'normal', 'normal']),
          isComplaint ? 'true' : 'false',
          satisfaction,
          random.pick(TICKET_SUBJECTS[story.language][isComplaint ? 'complaint' : 'normal']),
        ]);
        if (isResolved && random.chance(0.35)) {
          const score = Math.max(
            1,
            Math.min(5, Math.round(1 + 4 * mood + (isComplaint ? -1 : 0.3) + random.next() - 0.5)),
          );
          survey(contact.id, 'csat', score, Math.min(ctx.endDay - 1, opened + replies));
        }
      }
      const monthIndex = new Date(month * 86_400_000).getUTCMonth();
      if (monthIndex % 3 === 1 && random.chance(0.4)) {
        const score = Math.max(0, Math.min(10, Math.round(2 + 8.5 * mood + (random.next() - 0.5) * 4)));
        survey(random.pick(story.contacts).id, 'nps', score, random.int(from, to - 1));
      }
      const newsletter = formatDay(month).slice(0, 7).replace('-', '');
      for (const contact of story.contacts.slice(0, 2)) {
        const day = Math.max(from, month + 9);
        if (day >= to) continue;
        const messageId = `msg_${newsletter}_${contact.id.slice(4)}`;
        const email = (type: string, offset: number) =>
          emit('email_events', [
            `ee_${messageId.slice(4)}_${type}`,
            contact.id,
            messageId,
            type,
            formatInstant(Math.min(day + offset, ctx.endDay - 1), 540 + offset * 60),
          ]);
        if (random.chance(0.02)) {
          email('bounced', 0);
          continue;
        }
        email('delivered', 0);
        if (!random.chance(0.2 + 0.4 * mood)) continue;
        email('opened', random.int(0, 3));
        if (random.chance(0.3)) email('clicked', 3);
      }
    }
  }
}
