// Telling desk phones to fetch their configuration again: when a change touches a provisioned
// phone, each of its registered contacts gets an unsolicited NOTIFY with `Event: check-sync`,
// the event Yealink, Poly and Grandstream phones all act on. Yealink and Poly read
// `;reboot=false` (fetch, restart only if a setting needs it); Grandstream's firmware takes the
// plain event. A phone that is not registered fetches at its next start anyway.
import type { DeskPhoneVendor } from '../../common/api/desk-phone-models';
import type { DirectoryEvents } from '../directory/events';
import type { ResyncTarget } from '../directory/desk-phones';
import type { Logger } from '../logger';
import type { SipStack } from '../sip/stack';
import type { Binding } from '../sip/registrar';
import { NO_BODY, outgoingRequest, type Destination } from '../sip/calls/leg';

export const CHECK_SYNC_EVENT: Record<DeskPhoneVendor, string> = {
  yealink: 'check-sync;reboot=false',
  poly: 'check-sync;reboot=false',
  grandstream: 'check-sync',
};

/** NOTIFYs in flight at once: a company-wide change reaches every phone without a burst. */
const IN_FLIGHT = 32;

export interface RegisteredContacts {
  contactsOf(extension: string): Binding[];
  destinationOf(binding: Binding): Destination;
}

interface Notice {
  destination: Destination;
  target: ResyncTarget;
}

export class CheckSync {
  private readonly queue: Notice[] = [];
  private inFlight = 0;

  constructor(
    private readonly stack: SipStack,
    /** The office's SIP domain, in the NOTIFY's From and To. */
    private readonly domain: string,
    private readonly registrar: RegisteredContacts,
    private readonly logger: Logger,
    events: DirectoryEvents,
  ) {
    events.on('desk-phone-configs-changed', this.heard);
    this.stop = () => events.off('desk-phone-configs-changed', this.heard);
  }

  private readonly heard = (phones: ResyncTarget[]) => this.tell(phones);

  /** Stops listening: the SIP service is closing. */
  readonly stop: () => void;

  /**
   * Reads the phones' registrations now, while the change that called this may be about to
   * revoke them, and sends each a NOTIFY as room allows.
   */
  tell(phones: ResyncTarget[]): void {
    for (const target of phones) {
      for (const binding of this.registrar.contactsOf(target.extension)) {
        if (binding.sipUsername === target.sipUsername)
          this.queue.push({ destination: this.registrar.destinationOf(binding), target });
      }
    }
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < IN_FLIGHT) {
      const notice = this.queue.shift();
      if (!notice) return;
      this.inFlight++;
      this.send(notice, () => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private send({ destination, target }: Notice, done: () => void): void {
    const request = outgoingRequest(
      this.stack,
      'NOTIFY',
      destination,
      `<sip:switchboard@${this.domain}>`,
      `<sip:${target.extension}@${this.domain}>`,
      NO_BODY,
      [['Event', CHECK_SYNC_EVENT[target.vendor]]],
    );
    let finished = false;
    this.stack.request(destination.flow, request, (response) => {
      if (response.status < 200 || finished) return;
      finished = true;
      const level = response.status < 300 ? 'info' : 'warn';
      this.logger[level](
        { extension: target.extension, status: response.status },
        'desk phone told to fetch its configuration (check-sync)',
      );
      done();
    });
  }
}
