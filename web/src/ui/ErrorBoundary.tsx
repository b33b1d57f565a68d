/**
 * The last line against a blank screen: a rendering error (or a map chunk that failed to load after an upgrade)
 * shows what happened and a way out instead of an empty page. Keyed by the route, so navigating resets it.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorNotice } from './Status';

interface State {
  error: unknown;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Firebreak UI error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    return (
      <div className="page">
        <ErrorNotice error={this.state.error} onRetry={() => window.location.reload()} center />
      </div>
    );
  }
}
