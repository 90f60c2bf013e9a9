import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';

interface Props {
  /** Texts in the current language (the boundary is a class and cannot use hooks). */
  title: string;
  retryLabel: string;
  children: ReactNode;
  /** Changing it clears the error (e.g. the route path, so navigating away recovers). */
  resetKey?: string;
}

/** Catches a page that fails to render or whose chunk fails to load, and offers a reload. */
export class ErrorBoundary extends Component<Props, { failed: boolean; key: string | undefined }> {
  override state = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: { failed: boolean; key: string | undefined }) {
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Result
        status="warning"
        title={this.props.title}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {this.props.retryLabel}
          </Button>
        }
      />
    );
  }
}
