import { useEffect } from 'react';

/**
 * Asks again every `seconds` while the panel is shown and the window is not hidden, for rows that
 * change on their own (a trunk's registration state), and once as the window comes back into
 * view. A hidden panel or window asks nothing.
 */
export function useRefreshWhileShown(reload: () => void, seconds: number | undefined, shown: boolean): void {
  useEffect(() => {
    if (seconds === undefined || !shown) return;
    const reloadIfVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    const timer = setInterval(reloadIfVisible, seconds * 1000);
    document.addEventListener('visibilitychange', reloadIfVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', reloadIfVisible);
    };
  }, [reload, seconds, shown]);
}
