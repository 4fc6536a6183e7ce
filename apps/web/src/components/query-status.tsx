/** Loading and error states in one place, in Chinese, with the server's message kept as text. */
interface QueryState {
  isPending: boolean;
  isError: boolean;
  error: { message: string } | null;
}

export function QueryStatus({ query, what }: { query: QueryState; what: string }) {
  if (query.isPending) return <p className="status">正在加载{what}…</p>;
  if (query.isError) {
    return (
      <p className="status error" role="alert">
        {what}加载失败：{query.error?.message}
      </p>
    );
  }
  return null;
}
