import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../app/api-context';

/** How many voicemail messages are unread: fetched at start and whenever a new one arrives. */
export function useUnreadVoicemail(): [number, (count: number) => void] {
  const api = useApi();
  const [unread, setUnread] = useState(0);
  const refresh = useCallback(async () => {
    const result = await api.voicemail.list({});
    if (result.ok) setUnread(result.value.unread);
  }, [api]);
  useEffect(() => {
    void refresh();
    return api.voicemail.onReceived(() => void refresh());
  }, [api, refresh]);
  return [unread, setUnread];
}
