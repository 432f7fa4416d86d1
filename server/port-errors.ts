// A port the server cannot take is the likeliest reason it fails to start: say which port,
// and which flag chooses another.
import type { ServerConfig } from './config';

/** A failed start the person starting the server can fix, told in one line without a stack. */
export class StartupError extends Error {
  override name = 'StartupError';
}

type Service = 'http' | 'sip';

interface PortChoice {
  service: Service;
  flag: string;
  port: number;
  /** UDP sockets fail in `bind`; TCP, TLS and the WebSocket servers in `listen`. */
  syscall: 'bind' | 'listen';
}

function portChoices(config: ServerConfig): PortChoice[] {
  const tls = config.sipTls;
  return [
    { service: 'http', flag: '--http-port', port: config.httpPort, syscall: 'listen' },
    { service: 'sip', flag: '--sip-udp-port', port: config.sipUdpPort, syscall: 'bind' },
    { service: 'sip', flag: '--sip-tcp-port', port: config.sipTcpPort, syscall: 'listen' },
    { service: 'sip', flag: '--sip-ws-port', port: config.sipWsPort, syscall: 'listen' },
    ...(tls
      ? [
          { service: 'sip', flag: '--sip-tls-port', port: tls.tlsPort, syscall: 'listen' } as const,
          { service: 'sip', flag: '--sip-wss-port', port: tls.wssPort, syscall: 'listen' } as const,
        ]
      : []),
  ];
}

const PROBLEMS: Record<string, string> = {
  EADDRINUSE: 'is in use',
  EACCES: 'needs privileges this process does not have',
};

/**
 * Rethrows a port the service could not take as a StartupError naming the flag (or flags, when
 * several ask for that port) that moves it; any other error as it was.
 */
export function explainPortError(config: ServerConfig, service: Service) {
  return (error: unknown): never => {
    const { code, port, syscall } = (error ?? {}) as { code?: string; port?: number; syscall?: string };
    const problem = code ? PROBLEMS[code] : undefined;
    const flags = portChoices(config)
      .filter((choice) => choice.service === service && choice.port === port && choice.syscall === syscall)
      .map((choice) => choice.flag);
    if (!problem || flags.length === 0) throw error;
    throw new StartupError(`port ${port} ${problem}: choose another with ${flags.join(' or ')}`);
  };
}
