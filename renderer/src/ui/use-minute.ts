import { useEffect, useState } from 'react';

/**
 * The current time, refreshed once a minute: enough for relative dates ("3 minutes ago"), and
 * a list's rows are drawn again only then, not on every render.
 */
export function useMinute(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
