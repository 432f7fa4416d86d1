// Which digest algorithms the office challenges with (RFC 8760): the company's choice, or a
// device's own. A challenge goes out before the device is known (the request carries no
// credentials yet), so it is chosen by the extension the request names and by its transport:
// the app's softphone speaks SIP over WebSocket and desk phones over UDP, TCP or TLS, so a
// request over WebSocket gets what the extension's softphones take, any other what its desk
// phones take (what all its devices take, when it has none of that kind). An old desk phone set
// to MD5 is then offered MD5 alone beside its owner's softphone. The answer is held to its own
// device's choice.
import type { OfficeDb } from '../db/database';
import type { DigestChoice } from '../db/schema';
import type { DirectoryEvents } from '../directory/events';
import type { Logger } from '../logger';
import type { DigestAlgorithm } from './digest';

type Kind = 'softphone' | 'desk-phone';

const ALGORITHMS: Record<DigestChoice, DigestAlgorithm[]> = {
  md5: ['MD5'],
  'sha-256': ['SHA-256'],
  both: ['SHA-256', 'MD5'],
};

export class DigestPolicy {
  private company: DigestChoice = 'md5';
  /** Extensions with a device set otherwise than the company: what their devices of each kind take. */
  private readonly byExtension = new Map<string, Map<Kind, Set<DigestAlgorithm>>>();
  private reloading: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: OfficeDb,
    private readonly logger: Logger,
  ) {}

  /** Reads the choices now, and again whenever devices or the company change. */
  async start(events: DirectoryEvents): Promise<void> {
    const changed = () => void this.reload();
    events.on('sip-digest-changed', changed);
    events.on('sip-credentials-revoked', changed);
    events.on('extensions-vacated', changed);
    await this.reload();
  }

  /** One read at a time; a change during a read gets a read of its own after it. */
  reload(): Promise<void> {
    if (this.reloading) {
      this.again = true;
      return this.reloading;
    }
    this.reloading = this.read()
      .catch((error: unknown) => this.logger.warn({ error: String(error) }, 'SIP digest choices unreadable'))
      .finally(() => {
        this.reloading = null;
        if (this.again) {
          this.again = false;
          void this.reload();
        }
      });
    return this.reloading;
  }

  private async read(): Promise<void> {
    const company = await this.db.selectFrom('company').select('sip_digest_algorithms').executeTakeFirst();
    const devices = await this.db
      .selectFrom('devices')
      .innerJoin('extensions', 'extensions.id', 'devices.extension_id')
      .select(['extensions.number', 'devices.kind', 'devices.sip_digest_algorithms'])
      .execute();
    this.company = company?.sip_digest_algorithms ?? 'md5';
    const overridden = new Set(devices.filter((d) => d.sip_digest_algorithms !== null).map((d) => d.number));
    this.byExtension.clear();
    for (const device of devices) {
      if (!overridden.has(device.number)) continue;
      const kinds = this.byExtension.get(device.number) ?? new Map<Kind, Set<DigestAlgorithm>>();
      const set = kinds.get(device.kind) ?? new Set<DigestAlgorithm>();
      for (const algorithm of this.algorithmsOf(device.sip_digest_algorithms)) set.add(algorithm);
      kinds.set(device.kind, set);
      this.byExtension.set(device.number, kinds);
    }
  }

  /** What a device takes: its own choice, else the company's; preferred first. */
  algorithmsOf(choice: DigestChoice | null): DigestAlgorithm[] {
    return ALGORITHMS[choice ?? this.company];
  }

  /**
   * What to challenge a request naming `extension` with, over WebSocket or not (an unknown
   * extension gets the company's).
   */
  challengeFor(extension: string | null, overWebSocket: boolean): DigestAlgorithm[] {
    const kinds = extension === null ? undefined : this.byExtension.get(extension);
    if (!kinds) return ALGORITHMS[this.company];
    const set =
      kinds.get(overWebSocket ? 'softphone' : 'desk-phone') ??
      new Set([...kinds.values()].flatMap((s) => [...s]));
    return ALGORITHMS.both.filter((a) => set.has(a));
  }
}
