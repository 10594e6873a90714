// IANA time zones, as the runtime's Intl knows them: stores keep business days in their own zone.
import { z } from 'zod';

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const TimeZone = z.string().min(1).max(64).refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai');
