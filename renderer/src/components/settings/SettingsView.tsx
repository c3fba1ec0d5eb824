import { useState } from 'react';
import { Dialog } from '../dialog/Dialog.js';
import { Icon, type IconName } from '../Icon.js';
import { BackupSection } from './BackupSection.js';
import { StorageSettings } from './StorageSettings.js';

export type SettingsSection = 'backup' | 'storage';

const SECTIONS: readonly { readonly id: SettingsSection; readonly label: string; readonly icon: IconName }[] = [
  { id: 'backup', label: 'Backup', icon: 'history' },
  { id: 'storage', label: 'Storage', icon: 'download' },
];

/** The settings screen: a section list on the left, the chosen section on the right. */
export function SettingsView({
  initialSection = 'backup',
  onClose,
}: {
  readonly initialSection?: SettingsSection;
  readonly onClose: () => void;
}) {
  const [section, setSection] = useState<SettingsSection>(initialSection);
  return (
    <Dialog title="Settings" onClose={onClose} size="lg" testId="settings-view">
      <div className="settings-layout">
        <nav className="settings-nav" aria-label="Settings sections">
          {SECTIONS.map((item) => (
            <button
              key={item.id}
              type="button"
              className={`settings-nav-item${section === item.id ? ' is-active' : ''}`}
              aria-current={section === item.id ? 'page' : undefined}
              onClick={() => setSection(item.id)}
              data-testid={`settings-nav-${item.id}`}
            >
              <Icon name={item.icon} size={18} />
              {item.label}
            </button>
          ))}
        </nav>
        <div className="settings-content">{section === 'backup' ? <BackupSection /> : <StorageSettings />}</div>
      </div>
    </Dialog>
  );
}
