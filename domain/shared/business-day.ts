// A store's business day: the calendar date in its own time zone (API.md), which is what orders
// are numbered and listed by and what a store's day of sales is settled for.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of `at` in `timeZone` (en-CA formats dates that way). */
export const businessDayOf = (at: Date, timeZone: string): string => {
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(at);
};
