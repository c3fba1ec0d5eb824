import { useEffect } from 'react';
import { useSession } from '../state/sessionStore.js';
import { Icon } from './Icon.js';

const NOTICE_TTL_MS = 6000;

/**
 * Toasts: command failures reported by main (`commands.completed` with an error) and confirmations
 * such as a finished restore. Failures are announced assertively, confirmations politely.
 */
export function Notices() {
  const notices = useSession((state) => state.notices);
  const dismiss = useSession((state) => state.dismissNotice);
  const oldest = notices[0];
  useEffect(() => {
    if (!oldest) return undefined;
    const timer = setTimeout(() => dismiss(oldest.id), NOTICE_TTL_MS);
    return () => clearTimeout(timer);
  }, [oldest, dismiss]);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice-${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          <Icon name={notice.tone === 'error' ? 'alert' : 'check'} size={18} />
          <span>{notice.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
