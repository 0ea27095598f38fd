import { AppError } from '../../errors.ts';

const EVENT_TYPE = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/;

/** Only http(s) URLs: anything else (file:, data:) is not a webhook receiver. */
export function checkEndpointUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('invalid_input', `url: "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AppError('invalid_input', `url: "${url}" must start with https:// or http://`);
  }
  return parsed.toString();
}

/** Event type names as emitted (`task.created`), deduplicated and sorted; empty means every type. */
export function checkEventTypes(types: readonly string[]): string[] {
  const bad = types.filter((t) => !EVENT_TYPE.test(t));
  if (bad.length > 0) {
    throw new AppError(
      'invalid_input',
      `event_types: ${bad.map((t) => `"${t}"`).join(', ')} not an event type`,
    );
  }
  return [...new Set(types)].sort();
}
