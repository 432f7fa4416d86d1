// A greeting longer than its 2-minute limit, passed off as a short one: an MP3 of 4,166 MPEG-1
// frames at 48 kHz (100 s by their headers) and one MPEG-2.5 frame at 8 kHz, 400 KB in all. A
// decoder that plays every frame at the last one's rate makes 600 s of it. Run it against a
// fresh office:
//   npx tsx tests/attacks/greeting-length.ts --url URL --email OWNER --password PASSWORD
// It prints one line and exits 1 when the office stored a greeting longer than 120 s.
import { pathToFileURL } from 'node:url';
import { attackFromCommandLine, ownerToken, type AttackOutcome, type Owner } from './client';

const MAX_SECONDS = 120;

/** A silent Layer III frame: its 4-byte header, then zeros (no side information, no data). */
function frame(header: number[], length: number): Buffer {
  const bytes = Buffer.alloc(length);
  bytes.set(header);
  return bytes;
}

/** MPEG-1 Layer III, 32 kbit/s, 48 kHz, mono: 144 × 32000 / 48000 = 96 bytes, 1,152 samples. */
const MPEG1_48K = frame([0xff, 0xfb, 0x14, 0xc0], 96);
/** MPEG-2.5 Layer III, 8 kbit/s, 8 kHz, mono: 72 × 8000 / 8000 = 72 bytes, 576 samples. */
const MPEG25_8K = frame([0xff, 0xe3, 0x18, 0xc0], 72);

export function mixedRateMp3(): Buffer {
  return Buffer.concat([...Array.from({ length: 4166 }, () => MPEG1_48K), MPEG25_8K]);
}

/** Seconds of audio in the 16-bit mono WAV the office stores (its data chunk follows a 44-byte header). */
function wavSeconds(wav: Buffer): number {
  return wav.readUInt32LE(40) / 2 / wav.readUInt32LE(24);
}

export async function stretchGreeting(baseUrl: string, owner: Owner): Promise<AttackOutcome[]> {
  const token = await ownerToken(baseUrl, owner);
  const greeting = `${baseUrl}/api/v1/me/voicemail/greeting`;
  const headers = { authorization: `Bearer ${token}` };
  const uploaded = await fetch(greeting, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'audio/mpeg' },
    body: mixedRateMp3(),
  });
  const answer = `${uploaded.status} ${await uploaded.text()}`;
  const stored = await fetch(greeting, { headers });
  const seconds = stored.status === 200 ? wavSeconds(Buffer.from(await stored.arrayBuffer())) : 0;
  return [
    {
      attack: 'an MP3 of 48 kHz frames ending in one 8 kHz frame',
      succeeded: seconds > MAX_SECONDS,
      detail: `upload answered ${answer}; ${stored.status === 200 ? `a greeting of ${seconds.toFixed(1)} s is stored` : 'no greeting stored'}`,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await attackFromCommandLine('greeting-length.ts', ['email', 'password'], (flags) =>
    stretchGreeting(flags.url, flags),
  );
