import Holidays from 'date-holidays';
import { officeHours } from '@guichet/domain';
import type { BusinessCalendar } from '@guichet/domain';

/**
 * Public holidays from `date-holidays` (its data ships with the package: nothing is fetched
 * at run time). French ones by default (decision 0036); each year's days are computed once.
 */
const countries = new Map<string, Holidays>();
const years = new Map<string, Set<string>>();

function publicHolidays(country: string, year: number): Set<string> {
  const key = `${country}:${year}`;
  let days = years.get(key);
  if (!days) {
    let holidays = countries.get(country);
    if (!holidays) {
      holidays = new Holidays(country);
      countries.set(country, holidays);
    }
    days = new Set(
      holidays
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    years.set(key, days);
  }
  return days;
}

/** A contract's calendar: office hours in its time zone, its country's public holidays. */
export function contractCalendar(timeZone: string, country = 'FR'): BusinessCalendar {
  return {
    timeZone,
    hours: officeHours,
    isHoliday: (day) => publicHolidays(country, Number(day.slice(0, 4))).has(day),
  };
}
