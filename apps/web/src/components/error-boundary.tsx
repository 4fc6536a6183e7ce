import { Component, type ReactNode } from "react";

/** A page that fails to load (a stale chunk after a deploy, a render error) says so in Chinese instead of going blank. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; resetKey: string }> {
  override state = { error: null as Error | null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; resetKey: string }) {
    // Navigating elsewhere clears the error: the next view may well work.
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <p className="status error" role="alert">
        页面出错：{this.state.error.message}。请刷新页面重试。
      </p>
    );
  }
}
