import type { TAccountStory, TDemoContact, TDemoContext, TEmit } from './demo-context.ts';
import { addMonths, dayOfMonth, formatInstant } from './demo-dates.ts';
import type { TCurrency, TInterval, TTier } from './demo-plans.ts';
import { makeCompanyName, makePersonName, slugName, type TLanguage } from './make-names.ts';
import { simulateSubscription } from './simulate-subscription.ts';

const COUNTRIES = [
  ['US', 45],
  ['CA', 6],
  ['GB', 8],
  ['DE', 3],
  ['AU', 3],
  ['MX', 8],
  ['CO', 5],
  ['ES', 4],
  ['CR', 3],
] as const;
const REGION: Record<string, string> = {
  US: 'NA',
  CA: 'NA',
  GB: 'EMEA',
  DE: 'EMEA',
  ES: 'EMEA',
  AU: 'APAC',
  MX: 'LATAM',
  CO: 'LATAM',
  CR: 'LATAM',
};
const COUNTRY_NAME: Record<string, string> = {
  US: 'USA',
  CA: 'Canada',
  GB: 'UK',
  DE: 'Germany',
  ES: 'España',
  AU: 'Australia',
  MX: 'México',
  CO: 'Colombia',
  CR: 'Costa Rica',
};
const INDUSTRIES = [
  'software',
  'healthcare',
  'retail',
  'education',
  'financial_services',
  'manufacturing',
  'logistics',
  'hospitality',
  'professional_services',
  'media',
];
const CSMS_EN = ['emma.clark', 'james.walker', 'priya.patel', 'noah.kim', 'grace.baker'];
const CSMS_ES = ['maria.rojas', 'andres.vargas', 'lucia.chaves'];
const ROLES = ['admin', 'champion', 'user', 'user', 'executive_sponsor', 'user'];

export type TAccountInput = {
  ctx: TDemoContext;
  emit: TEmit;
  index: number;
  createdDay: number;
  /** Recently generated accounts: subsidiaries name one of them as parent (parents precede children in the file). */
  recent: { id: string; name: string; language: TLanguage }[];
};

/** One customer's whole life: the account row, its contacts and its billing history (one or two subscriptions). */
export function simulateAccount(input: TAccountInput): TAccountStory {
  const { ctx, emit } = input;
  const random = ctx.random;
  const id = `acc_${String(input.index + 1).padStart(6, '0')}`;
  const currency: TCurrency = random.chance(0.2) ? 'CRC' : 'USD';
  const country: string = currency === 'CRC' ? 'CR' : random.weighted(COUNTRIES);
  const language: TLanguage = ['CR', 'MX', 'CO', 'ES'].includes(country) ? 'es' : 'en';
  const health = random.weighted([
    [0.1 + 0.25 * random.next(), 15],
    [0.4 + 0.35 * random.next(), 55],
    [0.75 + 0.25 * random.next(), 30],
  ] as const);
  const parent = random.chance(0.02) ? input.recent.find((r) => r.language === language) : undefined;
  const name = parent ? `${parent.name} ${COUNTRY_NAME[country]}` : makeCompanyName(random, language);
  const domain = `${slugName(name, '-') || 'company'}.example`;
  const contacts = makeContacts(input, id, domain, language);

  let tier: TTier = random.weighted([
    ['starter', 55],
    ['growth', 33],
    ['scale', 12],
  ] as const);
  const seats = tier === 'scale' ? random.int(10, 60) : random.int(2, 25);
  const interval: TInterval = random.weighted([
    ['monthly', 65],
    ['quarterly', 10],
    ['annual', 25],
  ] as const);
  const common = {
    ctx,
    emit,
    accountId: id,
    invoiceSeq: { next: 1 },
    currency,
    language,
    health,
    taxRate:
      currency === 'CRC'
        ? 0.13
        : country === 'US' && random.chance(0.5)
          ? random.pick([0.06, 0.07, 0.0825])
          : 0,
    method:
      currency === 'CRC' && random.chance(0.3)
        ? 'bank_transfer'
        : random.weighted([
            ['card', 80],
            ['direct_debit', 10],
            ['wallet', 5],
            ['bank_transfer', 5],
          ] as const),
  } as const;
  const story: TAccountStory = {
    id,
    language,
    currency,
    tier,
    seats,
    health,
    createdDay: input.createdDay,
    contacts,
    activeRanges: [],
    churnDays: [],
  };

  const signup = input.createdDay + random.int(0, 3);
  let start = anchor(signup);
  let trial: { start: number; end: number } | undefined;
  let stage = 'adoption';
  if (random.chance(0.6)) {
    trial = { start: signup, end: anchor(signup + 14) };
    start = trial.end;
    if (random.chance(0.22 + 0.2 * (1 - health))) {
      // A trial that never converts: access for 14 days, zero-amount line, no revenue ever.
      simulateSubscription({
        ...common,
        subscriptionId: `sub_${id.slice(4)}_1`,
        start,
        trial,
        tier,
        interval,
        seats,
        hasOnboardingFee: false,
        hasCoupon: false,
        neverConverts: true,
      });
      story.activeRanges.push({ start: trial.start, end: trial.end });
      stage = trial.end > ctx.endDay ? 'trial' : 'lost';
      writeAccount(input, story, name, parent?.id ?? '', country, stage);
      return story;
    }
  }
  let result = simulateSubscription({
    ...common,
    subscriptionId: `sub_${id.slice(4)}_1`,
    start,
    trial,
    tier,
    interval,
    seats,
    hasOnboardingFee: tier !== 'starter',
    hasCoupon: interval === 'monthly' && random.chance(0.15),
  });
  story.activeRanges.push({ start: trial?.start ?? start, end: result.paidEnd });
  if (result.churnDay !== undefined) {
    story.churnDays.push(result.churnDay);
    stage = 'churned';
    // Some churned customers come back months later, on the current price list.
    const back = anchor(result.churnDay + random.int(30, 240));
    if (result.canReturn && back < ctx.endDay && random.chance(0.25)) {
      tier = random.chance(0.7) ? result.tier : 'starter';
      result = simulateSubscription({
        ...common,
        subscriptionId: `sub_${id.slice(4)}_2`,
        start: back,
        tier,
        interval: 'monthly',
        seats: result.seats,
        hasOnboardingFee: false,
        hasCoupon: false,
      });
      story.activeRanges.push({ start: back, end: result.paidEnd });
      if (result.churnDay !== undefined) story.churnDays.push(result.churnDay);
      else stage = 'adoption';
    }
  }
  story.tier = result.tier;
  story.seats = result.seats;
  if (stage === 'adoption' && trial && trial.end > ctx.endDay) stage = 'trial';
  else if (stage === 'adoption' && ctx.endDay - start < 90) stage = 'onboarding';
  else if (stage === 'adoption' && result.tier !== tier) stage = 'expansion';
  writeAccount(input, story, name, parent?.id ?? '', country, stage);
  return story;
}

/** Billing anchors stay on days 1–28 so that every period is a whole number of calendar months. */
function anchor(day: number): number {
  return dayOfMonth(day) > 28 ? addMonths(day - dayOfMonth(day) + 1, 1) : day;
}

function makeContacts(input: TAccountInput, id: string, domain: string, language: TLanguage): TDemoContact[] {
  const random = input.ctx.random;
  const contacts: TDemoContact[] = [];
  const count = random.int(2, 6);
  for (let k = 1; k <= count; k++) {
    const person = makePersonName(random, language);
    const contact = {
      id: `con_${id.slice(4)}_${k}`,
      email: `${slugName(person)}@${domain}`,
      isBilling: k === 1,
    };
    contacts.push(contact);
    input.emit('contacts', [
      contact.id,
      id,
      contact.email,
      person,
      k === 1 ? 'billing' : random.pick(ROLES),
      k === 1 ? 'true' : 'false',
    ]);
  }
  return contacts;
}

function writeAccount(
  input: TAccountInput,
  story: TAccountStory,
  name: string,
  parentId: string,
  country: string,
  stage: string,
) {
  const random = input.ctx.random;
  const owner = `${random.pick(story.language === 'es' ? CSMS_ES : CSMS_EN)}@tenure-demo.example`;
  // Monthly, like MRR: most accounts could grow up to 2.5× their list price; about one in eight is a
  // whale in the making (3× to 6×), which segmentation's "potential" tier is for.
  const listMonthly = story.tier === 'scale' ? story.seats * 25 : story.tier === 'growth' ? 129 : 39;
  const draw = random.int(0, 99);
  const potential = Math.round(listMonthly * (draw < 12 ? 3 + draw / 4 : 1 + (draw - 12) / 58));
  input.emit('accounts', [
    story.id,
    name,
    formatInstant(story.createdDay, random.int(480, 1140)),
    owner,
    stage,
    potential,
    parentId,
    random.pick(INDUSTRIES),
    story.seats,
    country,
    REGION[country] ?? '',
  ]);
  if (parentId) return;
  input.recent.unshift({ id: story.id, name, language: story.language });
  if (input.recent.length > 50) input.recent.pop();
}
