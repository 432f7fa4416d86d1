import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServerArgs } from '../../server/config';

describe('the server command line', () => {
  it('turns on SIP over TLS and WSS only with both a certificate and a key', () => {
    const plain = parseServerArgs(['--data-dir', 'data']);
    expect(plain.sipTls).toBeUndefined();
    const secure = parseServerArgs([
      '--data-dir',
      'data',
      '--sip-tls-cert',
      'cert.pem',
      '--sip-tls-key',
      'key.pem',
      '--sip-wss-port',
      '7443',
    ]);
    expect(secure.sipTls).toEqual({
      certFile: path.resolve('cert.pem'),
      keyFile: path.resolve('key.pem'),
      tlsPort: 5061,
      wssPort: 7443,
    });
    expect(() => parseServerArgs(['--data-dir', 'data', '--sip-tls-cert', 'cert.pem'])).toThrow(
      '--sip-tls-cert and --sip-tls-key go together',
    );
    const carriers = ['--data-dir', 'data', '--sip-tls-carrier-ca', 'carriers.pem'];
    expect(
      parseServerArgs([...carriers, '--sip-tls-cert', 'c.pem', '--sip-tls-key', 'k.pem']).sipTls
        ?.carrierCaFile,
    ).toBe(path.resolve('carriers.pem'));
    expect(() => parseServerArgs(carriers)).toThrow(
      '--sip-tls-carrier-ca goes with --sip-tls-cert and --sip-tls-key',
    );
    expect(() => parseServerArgs(['--data-dir', 'data', '--sip-udp-port', '70000'])).toThrow(
      '--sip-udp-port must be a port number',
    );
  });

  it('advertises a reachable address, never a wildcard bind address', () => {
    expect(parseServerArgs(['--data-dir', 'data', '--http-host', '192.0.2.10']).publicAddress).toBe(
      '192.0.2.10',
    );
    expect(() => parseServerArgs(['--data-dir', 'data', '--http-host', '0.0.0.0'])).toThrow(
      'say which one phones and apps reach with --public-address',
    );
    const behindNat = parseServerArgs([
      '--data-dir',
      'data',
      '--http-host',
      '0.0.0.0',
      '--public-address',
      'pbx.example.com',
    ]);
    expect(behindNat.publicAddress).toBe('pbx.example.com');
    expect(() => parseServerArgs(['--data-dir', 'data', '--public-address', 'a b'])).toThrow(
      'host name or IP address',
    );
  });

  it('hands STUN servers as given and TURN servers with their credentials', () => {
    const config = parseServerArgs([
      ...[
        '--data-dir',
        'data',
        '--ice-server',
        'stun:stun.example.com:3478',
        '--ice-server',
        'turn:turn.example.com',
      ],
      ...['--turn-username', 'office', '--turn-credential', 's3cret'],
    ]);
    expect(config.iceServers).toEqual([
      { urls: ['stun:stun.example.com:3478'] },
      { urls: ['turn:turn.example.com'], username: 'office', credential: 's3cret' },
    ]);
    expect(() => parseServerArgs(['--data-dir', 'data', '--ice-server', 'turn:turn.example.com'])).toThrow(
      'give --turn-username and --turn-credential',
    );
    expect(() => parseServerArgs(['--data-dir', 'data', '--ice-server', 'http://x'])).toThrow(
      'stun: or turn: URL',
    );
  });

  it('takes --stun servers, and --turn servers whose credentials are minted from the secret in the environment', () => {
    const secret = { SWITCHBOARD_TURN_SECRET: 'shared-with-coturn-0123' };
    const config = parseServerArgs(
      [
        '--data-dir',
        'data',
        '--stun',
        'stun.example.com:3478',
        '--turn',
        'turn.example.com',
        '--turn-ttl',
        '3600',
      ],
      secret,
    );
    expect(config.iceServers).toEqual([{ urls: ['stun:stun.example.com:3478'] }]);
    expect(config.turn).toEqual({
      urls: ['turn:turn.example.com?transport=udp', 'turn:turn.example.com?transport=tcp'],
      secret: 'shared-with-coturn-0123',
      ttlSeconds: 3600,
    });
    expect(
      parseServerArgs(['--data-dir', 'data', '--turn', '[2001:db8::1]:3478'], secret).turn?.ttlSeconds,
    ).toBe(86_400);
    expect(parseServerArgs(['--data-dir', 'data'], secret).turn).toBeNull();
    // The secret never goes on the command line (where ps shows it), and must be one.
    expect(() => parseServerArgs(['--data-dir', 'data', '--turn', 'turn.example.com'], {})).toThrow(
      'SWITCHBOARD_TURN_SECRET',
    );
    expect(() =>
      parseServerArgs(['--data-dir', 'data', '--turn', 'turn.example.com'], {
        SWITCHBOARD_TURN_SECRET: 'short',
      }),
    ).toThrow('at least 16 characters');
    expect(() =>
      parseServerArgs(['--data-dir', 'data', '--turn', 'turn.example.com', '--turn-ttl', '30'], secret),
    ).toThrow('--turn-ttl must be whole seconds from 60 to 604800');
    expect(() => parseServerArgs(['--data-dir', 'data', '--turn-ttl', '600'], secret)).toThrow(
      '--turn-ttl goes with --turn',
    );
    expect(() => parseServerArgs(['--data-dir', 'data', '--stun', 'stun:x?y'], secret)).toThrow(
      '--stun must be HOST or HOST:PORT',
    );
    expect(() => parseServerArgs(['--data-dir', 'data', '--turn', 'a b'], secret)).toThrow(
      '--turn must be HOST or HOST:PORT',
    );
  });

  it('lets the portal origin and the --sip-allowed-origin ones open the SIP WebSocket', () => {
    expect(parseServerArgs(['--data-dir', 'data']).sipAllowedOrigins).toEqual(['http://127.0.0.1:8080']);
    const config = parseServerArgs([
      '--data-dir',
      'data',
      '--portal-url',
      'https://phones.example.com/portal/',
      '--sip-allowed-origin',
      'https://a.example.com:8443/x, https://b.example.com',
      '--sip-allowed-origin',
      'https://phones.example.com',
    ]);
    expect(config.sipAllowedOrigins).toEqual([
      'https://phones.example.com',
      'https://a.example.com:8443',
      'https://b.example.com',
    ]);
    expect(() => parseServerArgs(['--data-dir', 'data', '--sip-allowed-origin', 'not a url'])).toThrow(
      '--sip-allowed-origin must be a URL',
    );
  });

  it('gives each SIP transport its own listen address with --sip-listen, and refuses it twice or beside its port flag', () => {
    const config = parseServerArgs([
      ...['--data-dir', 'data', '--sip-listen', 'udp:0.0.0.0:5070', '--sip-listen', 'tcp:[::]:5071'],
    ]);
    expect(config.sipHosts).toEqual({ udp: '0.0.0.0', tcp: '::' });
    expect([config.sipUdpPort, config.sipTcpPort, config.sipHost]).toEqual([5070, 5071, '127.0.0.1']);
    const args =
      (...more: string[]) =>
      () =>
        parseServerArgs(['--data-dir', 'data', ...more]);
    expect(args('--sip-listen', 'udp:0.0.0.0:1', '--sip-listen', 'udp:127.0.0.1:2')).toThrow(
      'names udp twice',
    );
    expect(args('--sip-listen', 'udp:0.0.0.0:1', '--sip-udp-port', '2')).toThrow('both set that port');
    expect(args('--sip-listen', 'sctp:0.0.0.0:1')).toThrow('TRANSPORT:ADDRESS:PORT');
    expect(args('--sip-listen', 'udp:0.0.0.0:70000')).toThrow('port number');
    expect(args('--sip-listen', 'tls:0.0.0.0:5061')).toThrow('needs --sip-tls-cert');
  });
});
