import { type ThemeChoice, useUi } from '../state/uiStore.js';
import { Icon } from './Icon.js';

const NEXT: Readonly<Record<ThemeChoice, ThemeChoice>> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Readonly<Record<ThemeChoice, string>> = {
  system: 'Theme: follow system',
  light: 'Theme: light',
  dark: 'Theme: dark',
};

export function ThemeToggle() {
  const theme = useUi((state) => state.theme);
  const setTheme = useUi((state) => state.setTheme);
  return (
    <button
      type="button"
      className="rail-button rail-theme"
      aria-label={`${LABEL[theme]} (click to change)`}
      title={LABEL[theme]}
      onClick={() => setTheme(NEXT[theme])}
    >
      <Icon name={theme === 'dark' ? 'moon' : theme === 'light' ? 'sun' : 'themeAuto'} size={20} />
    </button>
  );
}
