/**
 * Merge windows such as "Mon–Thu 09:00–16:00" (several joined with ","), evaluated in a
 * repository's IANA time zone. The clock is always passed in, so tests never wait.
 */
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export interface WindowPart {
  days: Set<number>;
  /** Minutes since midnight, start inclusive, end exclusive. */
  start: number;
  end: number;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  if (h > 24 || m > 59 || (h === 24 && m > 0)) throw new Error(`"${hhmm}" is not a time of day`);
  return h * 60 + m;
}

export function parseWindow(text: string): WindowPart[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^(\w{3})(?:\s*[-–]\s*(\w{3}))?\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(part);
      if (!m) throw new Error(`"${part}" is not a window like "Mon–Thu 09:00–16:00"`);
      const from = DAYS.indexOf(m[1] as (typeof DAYS)[number]);
      const to = DAYS.indexOf((m[2] ?? m[1]) as (typeof DAYS)[number]);
      if (from < 0 || to < 0) throw new Error(`"${part}": days are Mon Tue Wed Thu Fri Sat Sun`);
      const days = new Set<number>();
      for (let d = from; ; d = (d + 1) % 7) {
        days.add(d);
        if (d === to) break;
      }
      return { days, start: minutes(m[3]!), end: minutes(m[4]!) };
    });
}

/** Weekday (0 = Sunday) and minutes since midnight of `now` in `timeZone`. */
export function localTime(now: Date, timeZone: string): { day: number; minute: number; label: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const day = DAYS.indexOf(get('weekday') as (typeof DAYS)[number]);
  const hour = Number(get('hour'));
  const minute = Number(get('minute'));
  return { day, minute: hour * 60 + minute, label: `${get('weekday')} ${get('hour')}:${get('minute')} ${timeZone}` };
}

/** True when `now` falls inside the window in `timeZone` (no window: always). */
export function insideWindow(window: string | undefined, now: Date, timeZone: string): boolean {
  if (!window) return true;
  const t = localTime(now, timeZone);
  return parseWindow(window).some((w) => w.days.has(t.day) && t.minute >= w.start && t.minute < w.end);
}

/** The time zone of a repository: its own entry, its owner's, or the default. */
export function timezoneFor(repo: string, policy: { timezone: string; timezones: Record<string, string> }): string {
  const lower = Object.fromEntries(Object.entries(policy.timezones).map(([k, v]) => [k.toLowerCase(), v]));
  return lower[repo.toLowerCase()] ?? lower[repo.split('/')[0]!.toLowerCase()] ?? policy.timezone;
}
