import { MEASURE_CATALOG } from './measure-catalog.ts';

/** The measure catalog as JSON: every metric key a scorecard measure can name, and the dynamic forms. */
export function listMeasures() {
  return {
    measures: Object.entries(MEASURE_CATALOG).map(([metric, entry]) => ({ metric, ...entry })),
    dynamic: [
      {
        metric: 'event_count:<event name>:<days>',
        source: 'relationship',
        description:
          'Events of that name in the last <days> days (1..9999), e.g. event_count:referral_made:90.',
      },
      {
        metric: 'attribute:<name>',
        source: 'custom',
        description: 'A numeric custom attribute of the account (its current value).',
      },
    ],
  };
}
