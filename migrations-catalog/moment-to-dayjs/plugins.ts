/**
 * Which dayjs plugins a moment call needs. Core dayjs covers parsing ISO strings/dates,
 * format (basic tokens), add/subtract, startOf/endOf, get/set, diff, isBefore/isAfter/isSame,
 * unix/valueOf, toDate/toISOString/toJSON, clone and isValid.
 */

/** moment method → dayjs plugin (default export of `dayjs/plugin/<name>`). */
export const METHOD_PLUGINS: Record<string, string> = {
  utc: 'utc',
  local: 'utc',
  utcOffset: 'utc',
  isUTC: 'utc',
  fromNow: 'relativeTime',
  toNow: 'relativeTime',
  humanize: 'relativeTime',
  isBetween: 'isBetween',
  isSameOrBefore: 'isSameOrBefore',
  isSameOrAfter: 'isSameOrAfter',
  calendar: 'calendar',
  week: 'weekOfYear',
  isoWeek: 'isoWeek',
  isoWeekday: 'isoWeek',
  isoWeekYear: 'isoWeek',
  dayOfYear: 'dayOfYear',
  quarter: 'quarterOfYear',
  toArray: 'toArray',
  toObject: 'toObject',
  isLeapYear: 'isLeapYear',
  weekday: 'weekday',
  isoWeeksInYear: 'isoWeeksInYear',
};

/** `moment.<fn>` statics → [dayjs replacement, plugin or undefined]. */
export const STATIC_MEMBERS: Record<string, [string, string | undefined]> = {
  utc: ['utc', 'utc'],
  unix: ['unix', undefined],
  duration: ['duration', 'duration'],
  isMoment: ['isDayjs', undefined],
  min: ['min', 'minMax'],
  max: ['max', 'minMax'],
  locale: ['locale', undefined],
  extend: ['extend', undefined],
};

/** Statics and methods with no deterministic dayjs equivalent (left for the agent). */
export const UNSUPPORTED = new Set(['tz', 'updateLocale', 'defineLocale', 'relativeTimeThreshold', 'normalizeUnits', 'creationData', 'parseZone']);

/** Format-string tokens that need a plugin (brackets `[…]` are escapes). */
export function formatPlugins(format: string): string[] {
  const plain = format.replace(/\[[^\]]*\]/g, '');
  const out: string[] = [];
  if (/L{1,4}T?S?|l{1,4}|LTS?/.test(plain)) out.push('localizedFormat');
  if (/Do|Q|X|x|kk?|wo|ww?|gggg|GGGG|zz?z?/.test(plain)) out.push('advancedFormat');
  return out;
}

/** moment's plural getter/setter aliases → the dayjs method (dayjs has only the singular). */
export const PLURAL_GETTERS: Record<string, string> = {
  years: 'year',
  months: 'month',
  dates: 'date',
  days: 'day',
  hours: 'hour',
  minutes: 'minute',
  seconds: 'second',
  milliseconds: 'millisecond',
};

/** get/set units dayjs's core get/set understand (it strips a plural `s`; short forms too). */
export const CORE_UNITS: ReadonlySet<string> = new Set(
  ['year', 'month', 'date', 'day', 'hour', 'minute', 'second', 'millisecond'].flatMap((u) => [u, `${u}s`]).concat(['y', 'M', 'D', 'd', 'h', 'm', 's', 'ms']),
);

/** get/set units dayjs's get/set ignore, → [method, plugin] that reads/writes them. */
export const UNIT_METHODS: Record<string, [string, string]> = {
  weekday: ['weekday', 'weekday'],
  e: ['weekday', 'weekday'],
  isoWeekday: ['isoWeekday', 'isoWeek'],
  E: ['isoWeekday', 'isoWeek'],
  dayOfYear: ['dayOfYear', 'dayOfYear'],
  DDD: ['dayOfYear', 'dayOfYear'],
  quarter: ['quarter', 'quarterOfYear'],
  quarters: ['quarter', 'quarterOfYear'],
  Q: ['quarter', 'quarterOfYear'],
  week: ['week', 'weekOfYear'],
  weeks: ['week', 'weekOfYear'],
  w: ['week', 'weekOfYear'],
  isoWeek: ['isoWeek', 'isoWeek'],
  isoWeeks: ['isoWeek', 'isoWeek'],
  W: ['isoWeek', 'isoWeek'],
};
