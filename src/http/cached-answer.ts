import type { Context } from 'hono';
import type { TCachedAnswer, TCachedEndpointName, TCachedParams } from '../modules/cache/cached-endpoints.ts';
import { getCachedResult } from '../modules/cache/get-cached-result.ts';
import type { TAppEnv } from './env.ts';

/**
 * A cached report's answer for the request's workspace (src/modules/cache), saying in `X-Tenure-Cache`
 * whether it was stored (`hit`) or computed now (`miss`).
 */
export async function cachedAnswer<N extends TCachedEndpointName>(
  c: Context<TAppEnv>,
  endpoint: N,
  params: TCachedParams<N>,
): Promise<TCachedAnswer<N>> {
  const { result, cache } = await getCachedResult({
    db: c.get('db'),
    workspaceId: c.get('workspaceId'),
    endpoint,
    params,
  });
  c.header('x-tenure-cache', cache);
  return result;
}
