/** Times in the user's locale; formatters are built once (they are costly to construct). */
const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'long' });
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'numeric', year: '2-digit' });
const longDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

const DAY_MS = 86_400_000;

function startOfDay(ms: number): number {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

function daysAgo(ms: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(ms)) / DAY_MS);
}

/** Chat list: "14:05" today, "Yesterday", weekday within a week, else a short date. */
export function formatChatTime(ms: number, now = Date.now()): string {
  const days = daysAgo(ms, now);
  if (days <= 0) return timeOfDay.format(ms);
  if (days === 1) return capitalize(relative.format(-1, 'day'));
  if (days < 7) return weekday.format(ms);
  return shortDate.format(ms);
}

export function formatTimeOfDay(ms: number): string {
  return timeOfDay.format(ms);
}

/** Day separators in the timeline: "Today", "Yesterday", "Monday", "3 March 2026". */
export function formatDaySeparator(ms: number, now = Date.now()): string {
  const days = daysAgo(ms, now);
  if (days <= 1) return capitalize(relative.format(-days, 'day'));
  if (days < 7) return weekday.format(ms);
  return longDate.format(ms);
}

export function isSameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b);
}

/** "in 42 s" style countdown text is built by the caller; this one says "2 minutes ago". */
export function formatRelative(ms: number, now = Date.now()): string {
  const seconds = Math.round((ms - now) / 1000);
  if (Math.abs(seconds) < 60) return relative.format(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
