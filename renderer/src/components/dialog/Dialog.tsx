import { type MouseEvent, type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { Icon } from '../Icon.js';
import { focusableIn, trapTab } from './focusable.js';
import { useEscapeLayer } from './useEscapeLayer.js';

type DialogProps = {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly testId?: string;
  readonly size?: 'sm' | 'md' | 'lg';
  /** Shown under the title. */
  readonly description?: ReactNode;
  /** Rendered as a <form>: Enter submits. */
  readonly onSubmit?: () => void;
};

/**
 * A modal dialog: focus moves in (first [data-autofocus] or focusable element), Tab stays inside,
 * Esc and the backdrop close it, and focus returns to where it was on close.
 */
export function Dialog({ title, onClose, children, testId, size = 'sm', description, onSubmit }: DialogProps) {
  const ref = useRef<HTMLElement>(null);
  const titleId = useId();
  useEscapeLayer(onClose);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const container = ref.current;
    if (container) {
      const preferred = container.querySelector<HTMLElement>('[data-autofocus]');
      (preferred ?? focusableIn(container)[1] ?? container).focus();
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (ref.current) trapTab(ref.current, event);
    };
    container?.addEventListener('keydown', onKeyDown);
    return () => {
      container?.removeEventListener('keydown', onKeyDown);
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  const header = (
    <header className="dialog-header">
      <h2 id={titleId}>{title}</h2>
      <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
        <Icon name="close" size={20} />
      </button>
    </header>
  );
  const common = {
    className: `dialog dialog-${size}`,
    role: 'dialog',
    'aria-modal': true,
    'aria-labelledby': titleId,
    tabIndex: -1,
    onClick: (event: MouseEvent) => event.stopPropagation(),
    'data-testid': testId,
  } as const;
  return createPortal(
    <div className="dialog-backdrop" onClick={onClose}>
      {onSubmit ? (
        <form
          {...common}
          ref={ref as RefObject<HTMLFormElement>}
          onSubmit={(event) => {
            event.preventDefault();
            onSubmit();
          }}
        >
          {header}
          {description && <div className="dialog-description muted">{description}</div>}
          {children}
        </form>
      ) : (
        <section {...common} ref={ref}>
          {header}
          {description && <div className="dialog-description muted">{description}</div>}
          {children}
        </section>
      )}
    </div>,
    document.body,
  );
}
