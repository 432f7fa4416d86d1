// The STUN keep-alive of RFC 5626 §4.4.2: a phone on an outbound flow over UDP sends STUN
// Binding requests (RFC 5389) to the SIP port, and the answer tells it the address its NAT
// shows, so it sees when the mapping changes. Nothing else of STUN is served.
import { isIPv4 } from 'node:net';

const MAGIC_COOKIE = 0x2112a442;
const BINDING_REQUEST = 0x0001;
const BINDING_SUCCESS = 0x0101;
const XOR_MAPPED_ADDRESS = 0x0020;
const HEADER = 20;

/** A STUN Binding request: SIP text never starts with the two zero bits STUN does. */
export function isStunBindingRequest(bytes: Buffer): boolean {
  return (
    bytes.length >= HEADER &&
    bytes.length <= 548 &&
    bytes.readUInt16BE(0) === BINDING_REQUEST &&
    bytes.readUInt16BE(2) === bytes.length - HEADER &&
    bytes.readUInt16BE(2) % 4 === 0 &&
    bytes.readUInt32BE(4) === MAGIC_COOKIE
  );
}

/** The Binding success answer carrying the request's source as XOR-MAPPED-ADDRESS (IPv4 only). */
export function stunBindingResponse(request: Buffer, address: string, port: number): Buffer | null {
  const ip = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (!isIPv4(ip)) return null;
  const response = Buffer.alloc(HEADER + 12);
  response.writeUInt16BE(BINDING_SUCCESS, 0);
  response.writeUInt16BE(12, 2);
  request.copy(response, 4, 4, HEADER); // the cookie and the transaction id
  response.writeUInt16BE(XOR_MAPPED_ADDRESS, HEADER);
  response.writeUInt16BE(8, HEADER + 2);
  response.writeUInt8(0x01, HEADER + 5);
  response.writeUInt16BE(port ^ (MAGIC_COOKIE >>> 16), HEADER + 6);
  const octets = ip.split('.').map(Number);
  const value = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  response.writeUInt32BE((value ^ MAGIC_COOKIE) >>> 0, HEADER + 8);
  return response;
}
