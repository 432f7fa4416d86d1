// What the rest of the office may see of the SIP service while it runs: the ports it listens on
// (a desk phone's configuration names them) and who is registered (the admin console shows each
// device's registrations). The HTTP API starts before SIP and outlives it, so the service
// attaches itself here once it listens and detaches when it stops.
import type { DeviceRegistration } from '../../common/api/devices';
import { isoAt } from '../time';
import type { Binding } from './registrar';
import type { ConferenceRooms } from '../media/conference/rooms';

export interface SipPorts {
  udp: number;
  tcp: number;
  ws: number;
  tls: number | null;
  wss: number | null;
}

export interface RunningSipService {
  ports: SipPorts;
  registrar: { contactsOf(extension: string): Binding[] };
  /** The conferences running on the media agent; null without one. */
  conferences: ConferenceRooms | null;
}

export class RunningSip {
  private service: RunningSipService | null = null;

  /** Returns the detach function. */
  attach(service: RunningSipService): () => void {
    this.service = service;
    return () => {
      if (this.service === service) this.service = null;
    };
  }

  /** The bound ports; null while the SIP service is not running. */
  get ports(): SipPorts | null {
    return this.service?.ports ?? null;
  }

  /** The conferences running now; null while the SIP service (or its media agent) is not running. */
  get conferences(): ConferenceRooms | null {
    return this.service?.conferences ?? null;
  }

  /** The live registrations of one device (its SIP username) on its extension, newest first. */
  registrationsOf(extension: string | null, sipUsername: string): DeviceRegistration[] {
    if (!this.service || extension === null) return [];
    return this.service.registrar
      .contactsOf(extension)
      .filter((binding) => binding.sipUsername === sipUsername)
      .map((binding) => ({
        transport: binding.flow.transport,
        address: binding.flow.address,
        port: binding.flow.port,
        registeredAt: isoAt(binding.registeredAt),
        expiresAt: isoAt(binding.expiresAt),
      }));
  }
}
