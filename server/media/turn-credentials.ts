// TURN REST API credentials (draft-uberti-behave-turn-rest, what coturn's use-auth-secret
// checks): the username says until when it is good and for whom, the password is the HMAC-SHA1
// of the username under the secret the office shares with the TURN server. Nothing is stored:
// each softphone config gets a fresh pair, and a leaked pair stops working at its expiry.
import { createHmac } from 'node:crypto';
import type { IceServerConfig, TurnRestConfig } from '../config';

export function turnCredentials(turn: TurnRestConfig, who: string, nowMs: number): IceServerConfig {
  const expiry = Math.floor(nowMs / 1000) + turn.ttlSeconds;
  const username = `${expiry}:${who}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { urls: turn.urls, username, credential };
}
