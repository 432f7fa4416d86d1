// The child process of `npm run bench:client`'s memory figure: one softphone registered with the
// config read from stdin, idle, and nothing else of the app loaded. Prints its resident bytes.
import { silentLogger } from '../server/logger';
import type { SoftphoneConfig } from '../common/api/me';
import { SoftphoneService } from '../main/softphone/softphone-service';
import { StaticMedia } from '../tests/main/static-media';

const IDLE_MS = 2000;

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const phone = new SoftphoneService(
  JSON.parse(input) as SoftphoneConfig,
  { onWake: () => () => undefined },
  {
    logger: silentLogger,
    media: new StaticMedia('bench'),
  },
);
const registered = new Promise<void>((resolve) =>
  phone.on('state', (state) => state.state === 'registered' && resolve()),
);
await phone.start();
await registered;
await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
global.gc?.();
console.log(String(process.memoryUsage().rss));
await phone.stop();
