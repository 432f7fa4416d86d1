import type { SwitchboardApi } from '../../../../common/ipc/contract';
import { useApi } from '../../app/api-context';

export type AdminApi = SwitchboardApi['admin'];

/** The admin channels, through the elevated session's password prompt (`ElevatedSession`). */
export function useAdminApi(): AdminApi {
  return useApi().admin;
}
