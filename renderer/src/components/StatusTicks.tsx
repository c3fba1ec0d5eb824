import type { MessageStatus } from '../../../shared/src/index.js';
import { Icon } from './Icon.js';

const LABELS: Readonly<Record<MessageStatus, string>> = {
  pending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  played: 'Played',
  failed: 'Not sent',
  received: '',
};

export function StatusTicks({
  status,
  isCompact = false,
}: {
  readonly status: MessageStatus;
  readonly isCompact?: boolean;
}) {
  if (status === 'received') return null;
  const size = isCompact ? 16 : 16;
  const icon =
    status === 'pending' ? 'clock' : status === 'failed' ? 'alert' : status === 'sent' ? 'check' : 'doubleCheck';
  const isBlue = status === 'read' || status === 'played';
  return (
    <span
      className={`ticks ticks-${status}${isBlue ? ' is-read' : ''}`}
      role="img"
      aria-label={LABELS[status]}
      title={LABELS[status]}
    >
      <Icon name={icon} size={size} />
    </span>
  );
}
