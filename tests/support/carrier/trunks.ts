// Trunks for SIP tests: an office whose trunk timings are short (keep-alives every half second,
// retries from a fifth of a second, a transaction given up after 3.2 s), trunks added through
// the API as its super admin, and waits on what the API says of them.
import { expect } from 'vitest';
import type { Trunk, TrunkState } from '../../../common/api/trunks';
import type { SipServiceSettings } from '../../../server/sip/settings';
import type { TestOffice } from '../office';

export const QUICK_TRUNKS: Partial<SipServiceSettings> = {
  timers: { t1: 50, t2: 400, t4: 500 },
  trunks: {
    pingIntervalMs: 500,
    backoff: { baseMs: 200, maxMs: 1_000 },
    unregisterTimeoutMs: 1_000,
    resolveEveryMs: 60_000,
  },
};

export class TrunkAdmin {
  private token: string | null = null;

  constructor(private readonly office: () => TestOffice) {}

  private async boss(): Promise<string> {
    this.token ??= await this.office().adminToken();
    return this.token;
  }

  async create(body: Record<string, unknown>): Promise<Trunk> {
    const response = await this.office().request('POST', '/admin/trunks', { token: await this.boss(), body });
    if (response.status !== 201) throw new Error(`trunk not created: ${JSON.stringify(response.body)}`);
    return response.body as Trunk;
  }

  async change(id: string, body: Record<string, unknown>): Promise<Trunk> {
    const response = await this.office().request('PATCH', `/admin/trunks/${id}`, {
      token: await this.boss(),
      body,
    });
    if (response.status !== 200) throw new Error(`trunk not changed: ${JSON.stringify(response.body)}`);
    return response.body as Trunk;
  }

  async remove(id: string): Promise<void> {
    const response = await this.office().request('DELETE', `/admin/trunks/${id}`, {
      token: await this.boss(),
    });
    if (response.status !== 204) throw new Error(`trunk not deleted: ${JSON.stringify(response.body)}`);
  }

  async get(id: string): Promise<Trunk> {
    return (await this.office().request('GET', `/admin/trunks/${id}`, { token: await this.boss() }))
      .body as Trunk;
  }

  /** Waits until the API shows the trunk in `state`, and returns it as shown then. */
  async until(id: string, state: TrunkState, timeout = 10_000): Promise<Trunk> {
    let trunk: Trunk | null = null;
    await expect
      .poll(async () => (trunk = await this.get(id)).status.state, { timeout, interval: 100 })
      .toBe(state);
    return trunk!;
  }
}
