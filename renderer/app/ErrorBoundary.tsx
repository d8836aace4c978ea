import { Component, type ErrorInfo, type ReactNode } from 'react';
import { StartingScreen } from './StartingScreen';

type Props = { language: string; children: ReactNode };
type State = { failed: boolean };

/** After this long the kiosk tries to draw itself again: a terminal must not stay dark. */
export const RECOVER_AFTER_MS = 10_000;

/**
 * A bug in a screen must never put a stack trace in front of a patient: the calm "not available"
 * word shows instead, and the screens are drawn again after a while. (React's error boundaries
 * are still class components.)
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };
  private timer: ReturnType<typeof setTimeout> | undefined;

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.setState({ failed: false }), RECOVER_AFTER_MS);
  }

  override componentWillUnmount(): void {
    clearTimeout(this.timer);
  }

  override render(): ReactNode {
    if (this.state.failed) {
      return <StartingScreen screen="unavailable" language={this.props.language} />;
    }
    return this.props.children;
  }
}
