// Which digest algorithms the office challenges with (RFC 8760): the company's choice, or a
// device's own. A challenge goes out before the device is known (the request carries no
// credentials yet), so it is chosen by the extension the request names: what any of that
// extension's devices takes. The answer is then held to its own device's choice.
import type { OfficeDb } from '../db/database';
import type { DigestChoice } from '../db/schema';
import type { DirectoryEvents } from '../directory/events';
import type { Logger } from '../logger';
import type { DigestAlgorithm } from './digest';

const ALGORITHMS: Record<DigestChoice, DigestAlgorithm[]> = {
  md5: ['MD5'],
  'sha-256': ['SHA-256'],
  both: ['SHA-256', 'MD5'],
};

export class DigestPolicy {
  private company: DigestChoice = 'md5';
  /** Extensions with a device set otherwise than the company: what any of their devices takes. */
  private readonly byExtension = new Map<string, Set<DigestAlgorithm>>();
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
      .select(['extensions.number', 'devices.sip_digest_algorithms'])
      .execute();
    this.company = company?.sip_digest_algorithms ?? 'md5';
    const overridden = new Set(devices.filter((d) => d.sip_digest_algorithms !== null).map((d) => d.number));
    this.byExtension.clear();
    for (const device of devices) {
      if (!overridden.has(device.number)) continue;
      const set = this.byExtension.get(device.number) ?? new Set<DigestAlgorithm>();
      for (const algorithm of this.algorithmsOf(device.sip_digest_algorithms)) set.add(algorithm);
      this.byExtension.set(device.number, set);
    }
  }

  /** What a device takes: its own choice, else the company's; preferred first. */
  algorithmsOf(choice: DigestChoice | null): DigestAlgorithm[] {
    return ALGORITHMS[choice ?? this.company];
  }

  /** What to challenge a request naming `extension` with (an unknown one gets the company's). */
  challengeFor(extension: string | null): DigestAlgorithm[] {
    const set = extension === null ? undefined : this.byExtension.get(extension);
    return set ? ALGORITHMS.both.filter((a) => set.has(a)) : ALGORITHMS[this.company];
  }
}
