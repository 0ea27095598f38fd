import { daysToChurn } from './days-to-churn.ts';
import type { TAccountStory, TDemoContext, TEmit } from './demo-context.ts';
import { addMonths, dayOfMonth, firstOfMonth, formatInstant, mondayOf } from './demo-dates.ts';

/**
 * Mean count per active seat (or per account when `perSeat` is false) and week. Logins, the core engagement
 * signal, get a row per week; the rest one per month (on the first Monday of the month), which keeps the
 * demo small enough to import in seconds.
 */
const EVENTS = [
  { name: 'login', mean: 2.5, perSeat: true, isWeekly: true },
  { name: 'dashboard_viewed', mean: 1.6, perSeat: true, isWeekly: false },
  { name: 'report_exported', mean: 0.35, perSeat: true, isWeekly: false },
  { name: 'export_csv', mean: 0.7, perSeat: false, isWeekly: false },
  { name: 'invite_sent', mean: 0.12, perSeat: false, isWeekly: false },
] as const;
const FORMATS = ['pdf', 'xlsx', 'pdf', 'csv'];
const INTEGRATIONS = ['salesforce', 'hubspot', 'slack', 'zendesk', 'stripe'];

/**
 * Product usage aggregated per account, period and event name (one row with a `quantity`), so the demo stays
 * small. Usage ramps up after signup, grows with healthy accounts and fades over the three months before a
 * churn — the signal a health score is meant to catch.
 */
export function simulateUsage(ctx: TDemoContext, story: TAccountStory, emit: TEmit): void {
  if (ctx.events === 'none') return;
  const random = ctx.random;
  const weeks = ctx.events === 'week' ? 1 : 4.35;
  const users = story.contacts.filter((c) => !c.isBilling);
  let seq = 0;
  let integrations = 0;
  const row = (day: number, name: string, quantity: number, properties: string, contact = true) =>
    emit('events', [
      `ev_${story.id.slice(4)}_${++seq}`,
      story.id,
      contact && users.length ? random.pick(users).id : '',
      name,
      formatInstant(day, random.int(420, 1260)),
      quantity,
      properties,
    ]);

  for (const range of story.activeRanges) {
    const end = Math.min(range.end, ctx.endDay);
    let period = ctx.events === 'week' ? mondayOf(range.start) : firstOfMonth(range.start);
    while (period < end) {
      const next = ctx.events === 'week' ? period + 7 : addMonths(period, 1);
      const from = Math.max(period, range.start);
      const day = Math.min(end - 1, from + random.int(0, Math.max(0, Math.min(next, end) - from - 1)));
      const age = (from - story.createdDay) / 30.4375;
      const ramp = Math.min(1, 0.35 + age / 2);
      const growth = Math.max(0.3, Math.min(2.2, 1 + (story.health - 0.45) * age * 0.05));
      const toChurn = daysToChurn(story, from);
      const fade = toChurn < 90 ? 0.1 + 0.9 * (toChurn / 90) : 1;
      const intensity =
        ((0.3 + story.health) * ramp * growth * fade * weeks * (Math.min(next, end) - from)) /
        (next - period);
      const seats = Math.min(story.seats, 4 + story.contacts.length * 3);
      const isMonthStart = ctx.events === 'month' || dayOfMonth(period) <= 7;
      for (const event of EVENTS) {
        if (!event.isWeekly && !isMonthStart) continue;
        const weeksPerRow = event.isWeekly || ctx.events === 'month' ? 1 : 4.35;
        const quantity = random.poisson(event.mean * intensity * weeksPerRow * (event.perSeat ? seats : 1));
        if (quantity === 0) continue;
        const properties = event.name === 'report_exported' ? `{"format":"${random.pick(FORMATS)}"}` : '';
        row(day, event.name, quantity, properties);
      }
      if (integrations < 2 && age < 3 && random.chance(0.25 * weeks * story.health)) {
        integrations++;
        row(day, 'integration_connected', 1, `{"integration":"${random.pick(INTEGRATIONS)}"}`);
      }
      if (random.chance(0.006 * weeks * story.health * fade)) row(day, 'referral_made', 1, '');
      if (random.chance(0.003 * weeks)) {
        const sentiment = story.health * fade > 0.5 ? 'positive' : 'negative';
        row(
          day,
          'social_mention',
          1,
          `{"network":"${random.pick(['linkedin', 'x', 'g2'])}","sentiment":"${sentiment}"}`,
          false,
        );
      }
      period = next;
    }
  }
}
