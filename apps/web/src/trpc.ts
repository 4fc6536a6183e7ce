import type { AppRouter } from "@duty/api";
import { MAX_BATCH_SIZE } from "@duty/api/limits";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";

export const queryClient = new QueryClient({
  defaultOptions: {
    // Lists change only on import: a minute of freshness spares the server on every page switch.
    queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: 1 },
  },
});

/** Same origin as the page: apps/server serves both /trpc and the built dashboard (vite proxies in dev). */
export const trpcClient = createTRPCClient<AppRouter>({
  // Batched GETs carry every input in the URL; Chinese text triples in length when encoded, so split
  // early. The server refuses a batch of more than MAX_BATCH_SIZE calls, so never send one.
  links: [httpBatchLink({ url: "/trpc", maxURLLength: 2000, maxItems: MAX_BATCH_SIZE })],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
