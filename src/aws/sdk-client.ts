// What every adapter shares: one SDK client per service and region, created on the first
// call from a module loaded by dynamic import() (so the CLI bundle keeps each client in its
// own chunk), and one way to call it that turns failures into AwsError.
import type {CallOptions} from './ports.js';
import {baseClientOptions, type AwsConfig} from './config.js';
import {callAws, recordRequestHost, type ClientWithMiddleware, type ErrorContext} from './map-error.js';

export interface AdapterScope {
  readonly config: AwsConfig;
  readonly region: string;
}

export interface LoadedSdk<M, C> {
  readonly sdk: M;
  readonly client: C;
}

/** What client.send needs for cancellation; passed as the SDK's per-call options. */
export function sendOptions(o: CallOptions | undefined): {abortSignal?: AbortSignal} {
  return o?.signal ? {abortSignal: o.signal} : {};
}

/**
 * Returns `call(operation, run)` for one service: `run` gets the loaded SDK module and the
 * client, and whatever it throws becomes an AwsError naming `${prefix}:${operation}`.
 */
export function serviceCaller<M, C extends ClientWithMiddleware>(
  scope: AdapterScope,
  actionPrefix: string,
  load: (options: ReturnType<typeof baseClientOptions>) => Promise<LoadedSdk<M, C>>,
) {
  let loading: Promise<LoadedSdk<M, C>> | undefined;
  const loaded = () => {
    loading ??= load(baseClientOptions(scope.config, scope.region)).then((result) => {
      recordRequestHost(result.client);
      return result;
    });
    // A failed import must not poison later calls.
    loading.catch(() => (loading = undefined));
    return loading;
  };
  const context: ErrorContext = {profile: scope.config.profile};
  return <T>(operation: string, run: (loadedSdk: LoadedSdk<M, C>) => Promise<T>): Promise<T> =>
    callAws(`${actionPrefix}:${operation}`, context, async () => run(await loaded()));
}

/**
 * Follows a next-token loop for the list calls the SDK has no paginator for (API Gateway v2,
 * v1 authorizers and gateway responses). Stops when the token is absent or repeats.
 */
export async function collectPages<Page, Item>(
  fetchPage: (token: string | undefined) => Promise<Page>,
  itemsOf: (page: Page) => readonly Item[] | undefined,
  nextTokenOf: (page: Page) => string | undefined,
): Promise<Item[]> {
  const items: Item[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    items.push(...(itemsOf(page) ?? []));
    const next = nextTokenOf(page);
    token = next && next !== token ? next : undefined;
  } while (token);
  return items;
}

/** Drains one of the SDK's paginators into a single list. */
export async function collectPaginator<Page, Item>(pages: AsyncIterable<Page>, itemsOf: (page: Page) => readonly Item[] | undefined): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of pages) items.push(...(itemsOf(page) ?? []));
  return items;
}
