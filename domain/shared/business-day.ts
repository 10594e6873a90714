// A store's business day and local time: the calendar date and clock in its own time zone
// (API.md), which orders are numbered and listed by and a store's day of sales is settled for.
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatter = (key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat => {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f;
};

/** `YYYY-MM-DD` of `at` in `timeZone` (en-CA formats dates that way). */
export const businessDayOf = (at: Date, timeZone: string): string =>
  formatter(`day/${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })).format(at);

/** `HHMM` of `at` in `timeZone`, on a 24-hour clock. */
export const localHourMinuteOf = (at: Date, timeZone: string): string =>
  formatter(`time/${timeZone}`, () => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }))
    .format(at)
    .replace(':', '');
